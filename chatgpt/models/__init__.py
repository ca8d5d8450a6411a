"""Models (actor, critic, reward model), losses and LoRA."""
from chatgpt.models.base import Actor, Critic, RewardModel, ValueModel, load_causal_lm
from chatgpt.models.lora import convert_to_lora, lora_parameters, merge_lora
from chatgpt.models.loss import GPTLMLoss, PairwiseLoss, PolicyLoss, ValueLoss, entropy_from_logits

__all__ = ["Actor", "Critic", "RewardModel", "ValueModel", "load_causal_lm", "convert_to_lora", "merge_lora",
           "lora_parameters", "GPTLMLoss", "PairwiseLoss", "PolicyLoss", "ValueLoss", "entropy_from_logits"]
