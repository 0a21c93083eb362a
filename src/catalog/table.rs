//! The catalog data table (placeholder: filled in by the catalog work).
use super::*;

/// Every kind.
pub static KINDS: &[KindSpec] = &[];
/// Every parameter row.
pub static PARAMS: &[ParamSpec] = &[];
/// Every enum.
pub static ENUMS: &[EnumSpec] = &[];
/// SID prefixes.
pub static SID_PREFIXES: &[SidPrefix] = &[];
