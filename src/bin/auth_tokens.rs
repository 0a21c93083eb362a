//! The `--auth-token` argument, the same for every subcommand that verifies or signs.

use clap::Args;

/// Auth tokens from `--auth-token` (repeated or comma-separated) or `TWILIO_AUTH_TOKEN`.
/// Flattened into each subcommand's arguments (`#[command(flatten)]`).
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct AuthTokens {
    /// Auth token to verify with (`sign`, `replay`: to sign with, the first one); repeat or
    /// comma-separate for several (primary, secondary, sub-account). Defaults to
    /// TWILIO_AUTH_TOKEN. Never printed nor recorded.
    #[arg(
        long = "auth-token",
        env = "TWILIO_AUTH_TOKEN",
        hide_env_values = true,
        value_delimiter = ','
    )]
    pub(crate) auth_tokens: Vec<String>,
}
