//! Currency codes: a posting's `salary.currency` reaches search engines' structured data,
//! which take ISO 4217 codes only.

/// The ISO 4217 alphabetic codes, current and recently replaced.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB \
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP \
DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR \
ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT \
MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON \
RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY \
TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG \
XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL";

/// Names people write for a currency in place of its code.
const COMMON_NAMES: &[(&str, &str)] = &[
    ("RMB", "CNY"),
    ("YUAN", "CNY"),
    ("元", "CNY"),
    ("人民币", "CNY"),
    ("NTD", "TWD"),
    ("NT$", "TWD"),
    ("HK$", "HKD"),
    ("US$", "USD"),
    ("$", "USD"),
    ("¥", "CNY or JPY"),
    ("€", "EUR"),
    ("£", "GBP"),
];

/// `written` (upper-cased) as an ISO 4217 code, or why it is not one.
pub fn check(written: &str) -> Result<String, String> {
    let code = written.trim().to_uppercase();
    if code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && ISO_4217.split(' ').any(|c| c == code)
    {
        return Ok(code);
    }
    let hint = COMMON_NAMES
        .iter()
        .find(|(name, _)| *name == code)
        .map_or_else(String::new, |(_, meant)| format!(": use {meant}"));
    Err(format!(
        "`salary.currency` must be an ISO 4217 code like CNY or USD, not `{written}`{hint}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_iso_4217() {
        assert_eq!(check("cny").unwrap(), "CNY");
        assert_eq!(check(" USD ").unwrap(), "USD");
        assert_eq!(
            check("RMB").unwrap_err(),
            "`salary.currency` must be an ISO 4217 code like CNY or USD, not `RMB`: use CNY"
        );
        assert_eq!(
            check("ABC").unwrap_err(),
            "`salary.currency` must be an ISO 4217 code like CNY or USD, not `ABC`"
        );
        assert!(check("yuan").unwrap_err().ends_with(": use CNY"));
        assert!(check("C").is_err());
    }
}
