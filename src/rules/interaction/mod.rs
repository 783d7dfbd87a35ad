//! 互动交流 checks: a consultation channel, and messages left unanswered.

pub mod interaction_channel;
pub mod interaction_unanswered;
