"""Shared fixtures: a very small random GPT-2 + byte-level BPE tokenizer built in < 1 s.

Unit tests use these (not the pretrained tiny build), so they are fast and independent
of the data; the end-to-end smoke test uses the real tiny build.
"""
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest
import torch

SENTENCES = [
    "안녕하세요. 오늘 날씨가 정말 좋네요.", "김치찌개는 돼지고기와 김치로 끓여요.", "서울은 한국의 수도입니다.",
    "### Instruction(명령어):\n질문\n\n### Response(응답):\n", "공부할 때는 휴식도 중요해요.", "고마워! 잘 지내?",
    "세종대왕은 한글을 만들었습니다.", "물은 100도에서 끓어요.", "불고기에는 소고기 등심이 좋아요.",
]


def make_tokenizer():
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast

    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(SENTENCES * 20, vocab_size=400, min_frequency=1,
                            special_tokens=["<pad>", "</s>", "<unk>"], show_progress=False)
    return PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, pad_token="<pad>", eos_token="</s>",
                                   bos_token="</s>", unk_token="<unk>")


def make_model(tokenizer, seed=0, n_layer=2, n_embd=32):
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(seed)
    cfg = GPT2Config(vocab_size=len(tokenizer), n_positions=128, n_embd=n_embd, n_layer=n_layer, n_head=2,
                     pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
                     bos_token_id=tokenizer.bos_token_id, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    return GPT2LMHeadModel(cfg)


@pytest.fixture(scope="session")
def tokenizer():
    return make_tokenizer()


@pytest.fixture
def lm(tokenizer):
    return make_model(tokenizer)


@pytest.fixture(scope="session")
def lm_dir(tmp_path_factory, tokenizer):
    """A saved random GPT-2 + tokenizer directory (what from_pretrained loads)."""
    path = tmp_path_factory.mktemp("tinylm")
    make_model(tokenizer).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


SFT_RECORDS = [
    {"prompt": "김치찌개 끓이는 법 알려줘", "completion": "김치와 돼지고기를 볶은 뒤 물을 붓고 끓여요."},
    {"prompt": "서울은 어떤 곳이에요?", "completion": "서울은 한국의 수도입니다."},
    {"prompt": "공부 팁 있어?", "completion": "공부할 때는 휴식도 중요해요."},
    {"prompt": "물은 몇 도에서 끓나요?", "completion": "물은 100도에서 끓어요."},
]
PAIRS = [
    {"prompt": "서울은 어떤 곳이에요?", "chosen": "서울은 한국의 수도입니다.", "rejected": "서울 서울 서울 서울"},
    {"prompt": "물은 몇 도에서 끓나요?", "chosen": "물은 100도에서 끓어요.", "rejected": "물은 的是 the 끓"},
    {"prompt": "공부 팁 있어?", "chosen": "공부할 때는 휴식도 중요해요.", "rejected": "공부할 때는"},
]


def free_port() -> int:
    """A free TCP port on 127.0.0.1 for a multi-process (gloo) test's rendezvous."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ddp_env(rank: int, world: int, port: int) -> None:
    """Environment of one rank of a local gloo process group; torch on one thread per rank."""
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank), WORLD_SIZE=str(world))
    torch.set_num_threads(1)
