//! The sandbox's credentials and ids: public constants, not secrets. They only ever guard
//! loopback traffic between an engine and its own fake.

pub const SANDBOX_APP_SECRET: &str = "shopchat-sandbox-app-secret";
pub const SANDBOX_VERIFY_TOKEN: &str = "shopchat-sandbox-verify-token";
pub const SANDBOX_ACCESS_TOKEN: &str = "shopchat-sandbox-access-token";
pub const SANDBOX_PHONE_NUMBER_ID: &str = "100000000000001";
pub const SANDBOX_WABA_ID: &str = "200000000000002";
pub const SANDBOX_APP_ID: &str = "300000000000003";
