"""Trainers for the three stages and the strategies they run under."""
from chatgpt.trainer.base import TrainingDivergedError
from chatgpt.trainer.dpo import DPOTrainer
from chatgpt.trainer.grpo import GRPOTrainer
from chatgpt.trainer.ppo import PPOTrainer
from chatgpt.trainer.rm import RewardModelTrainer
from chatgpt.trainer.sft import SFTTrainer
from chatgpt.trainer.strategies import DDPStrategy, NaiveStrategy, set_seed

__all__ = ["PPOTrainer", "RewardModelTrainer", "SFTTrainer", "NaiveStrategy", "DDPStrategy", "set_seed",
           "TrainingDivergedError"]
__all__ += ["DPOTrainer", "GRPOTrainer"]
