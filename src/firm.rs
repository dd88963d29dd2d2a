//! Korean firm data conventions: 사업자등록번호, KSIC divisions, 시·도 and employee bands.

use crate::i18n::Text;
use serde::Serialize;

/// Why a 사업자등록번호 was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusinessNumberProblem {
    /// Not ten digits once dashes and spaces are removed.
    Shape { digits: usize, other_characters: bool },
    /// Ten digits, but the last one is not the check digit of the first nine.
    CheckDigit { expected: u32, found: u32 },
}

impl BusinessNumberProblem {
    /// The reason in plain words, in Korean and English, for the firm form.
    pub fn message(&self) -> Text {
        match *self {
            BusinessNumberProblem::Shape { other_characters: true, .. } => Text::new(
                "숫자와 '-'만 쓸 수 있습니다. 123-45-67890처럼 10자리로 적어 주세요.",
                "Only digits and '-' are allowed. Write the ten digits like 123-45-67890.",
            ),
            BusinessNumberProblem::Shape { digits, .. } => Text::new(
                format!("숫자가 {digits}자리입니다. 사업자등록번호는 123-45-67890처럼 10자리입니다."),
                format!("That is {digits} digits; a business registration number has ten, like 123-45-67890."),
            ),
            BusinessNumberProblem::CheckDigit { .. } => Text::new(
                "검증 번호(마지막 자리)가 맞지 않습니다. 잘못 적은 숫자가 없는지 사업자등록증과 비교해 주세요.",
                "The check digit (the last one) does not match. Compare each digit with the registration certificate.",
            ),
        }
    }
}

/// Checks a 사업자등록번호 and returns its ten digits, or why it is not valid.
///
/// The check digit: weights 1,3,7,1,3,7,1,3,5 on digits 1–9, plus ⌊d9 × 5 ÷ 10⌋; valid when
/// (10 − sum mod 10) mod 10 equals digit 10.
pub fn check_business_number(input: &str) -> Result<String, BusinessNumberProblem> {
    let digits: String = input.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BusinessNumberProblem::Shape {
            digits: digits.chars().filter(char::is_ascii_digit).count(),
            other_characters: !digits.chars().all(|c| c.is_ascii_digit()),
        });
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    const WEIGHTS: [u32; 9] = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    let mut sum: u32 = d.iter().zip(WEIGHTS).map(|(a, w)| a * w).sum();
    sum += d[8] * 5 / 10;
    let check = (10 - sum % 10) % 10;
    if check != d[9] {
        return Err(BusinessNumberProblem::CheckDigit { expected: check, found: d[9] });
    }
    Ok(digits)
}

/// Checks a 사업자등록번호 and returns its ten digits. Dashes and spaces are ignored.
pub fn parse_business_number(input: &str) -> Result<String, String> {
    check_business_number(input).map_err(|problem| match problem {
        BusinessNumberProblem::Shape { .. } => {
            format!("'{input}' is not a business registration number: it needs 10 digits, like 123-45-67890")
        }
        BusinessNumberProblem::CheckDigit { expected, found } => {
            format!("'{input}' is not a valid business registration number: its check digit should be {expected}, not {found}")
        }
    })
}

/// Shows ten digits as 123-45-67890.
pub fn format_business_number(digits: &str) -> String {
    if digits.len() == 10 { format!("{}-{}-{}", &digits[..3], &digits[3..5], &digits[5..]) } else { digits.to_string() }
}

/// A KSIC (10th revision) manufacturing division.
#[derive(Debug, Clone, Serialize)]
pub struct KsicDivision {
    pub code: u8,
    pub name: Text,
}

const KSIC: &[(u8, &str, &str)] = &[
    (10, "식료품 제조업", "Food products"),
    (11, "음료 제조업", "Beverages"),
    (12, "담배 제조업", "Tobacco products"),
    (13, "섬유제품 제조업(의복 제외)", "Textiles, except apparel"),
    (14, "의복·의복 액세서리 및 모피제품 제조업", "Wearing apparel, accessories and fur articles"),
    (15, "가죽·가방 및 신발 제조업", "Leather, luggage and footwear"),
    (16, "목재 및 나무제품 제조업(가구 제외)", "Wood and wood products, except furniture"),
    (17, "펄프·종이 및 종이제품 제조업", "Pulp, paper and paper products"),
    (18, "인쇄 및 기록매체 복제업", "Printing and reproduction of recorded media"),
    (19, "코크스·연탄 및 석유정제품 제조업", "Coke, briquettes and refined petroleum products"),
    (20, "화학물질 및 화학제품 제조업(의약품 제외)", "Chemicals and chemical products, except pharmaceuticals"),
    (21, "의료용 물질 및 의약품 제조업", "Pharmaceuticals and medicinal chemicals"),
    (22, "고무 및 플라스틱제품 제조업", "Rubber and plastic products"),
    (23, "비금속 광물제품 제조업", "Other non-metallic mineral products"),
    (24, "1차 금속 제조업", "Basic metals"),
    (25, "금속 가공제품 제조업(기계 및 가구 제외)", "Fabricated metal products, except machinery and furniture"),
    (26, "전자부품·컴퓨터·영상·음향 및 통신장비 제조업", "Electronic components, computers and communication equipment"),
    (27, "의료·정밀·광학기기 및 시계 제조업", "Medical, precision and optical instruments, watches"),
    (28, "전기장비 제조업", "Electrical equipment"),
    (29, "기타 기계 및 장비 제조업", "Other machinery and equipment"),
    (30, "자동차 및 트레일러 제조업", "Motor vehicles and trailers"),
    (31, "기타 운송장비 제조업", "Other transport equipment"),
    (32, "가구 제조업", "Furniture"),
    (33, "기타 제품 제조업", "Other manufacturing"),
    (34, "산업용 기계 및 장비 수리업", "Repair of industrial machinery and equipment"),
];

/// All manufacturing divisions, 10 to 34.
pub fn ksic_divisions() -> Vec<KsicDivision> {
    KSIC.iter().map(|&(code, ko, en)| KsicDivision { code, name: Text::new(ko, en) }).collect()
}

/// The division with this code, if it is a manufacturing division.
pub fn ksic_division(code: u8) -> Option<KsicDivision> {
    KSIC.iter().find(|d| d.0 == code).map(|&(code, ko, en)| KsicDivision { code, name: Text::new(ko, en) })
}

/// The 17 시·도: (short Korean name, English name).
pub const SIDO: &[(&str, &str)] = &[
    ("서울", "Seoul"),
    ("부산", "Busan"),
    ("대구", "Daegu"),
    ("인천", "Incheon"),
    ("광주", "Gwangju"),
    ("대전", "Daejeon"),
    ("울산", "Ulsan"),
    ("세종", "Sejong"),
    ("경기", "Gyeonggi"),
    ("강원", "Gangwon"),
    ("충북", "Chungbuk"),
    ("충남", "Chungnam"),
    ("전북", "Jeonbuk"),
    ("전남", "Jeonnam"),
    ("경북", "Gyeongbuk"),
    ("경남", "Gyeongnam"),
    ("제주", "Jeju"),
];

/// Finds a 시·도 by its Korean or English name (case-insensitive) and returns the Korean name.
pub fn parse_sido(input: &str) -> Result<&'static str, String> {
    let s = input.trim();
    SIDO.iter()
        .find(|(ko, en)| *ko == s || en.eq_ignore_ascii_case(s))
        .map(|(ko, _)| *ko)
        .ok_or_else(|| format!("'{input}' is not one of the 17 시·도 ({})", SIDO.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")))
}

/// The employee bands used for statistics.
pub const EMPLOYEE_BANDS: &[(u32, Option<u32>, &str)] =
    &[(1, Some(9), "1-9"), (10, Some(49), "10-49"), (50, Some(99), "50-99"), (100, Some(299), "100-299"), (300, None, "300+")];

/// The band label for a head count ("1-9" … "300+"); 0 employees falls in the first band.
pub fn employee_band(employees: u32) -> &'static str {
    EMPLOYEE_BANDS
        .iter()
        .find(|(lo, hi, _)| employees <= hi.unwrap_or(u32::MAX) && (employees >= *lo || *lo == 1))
        .map(|b| b.2)
        .unwrap_or("300+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_number_check_digit() {
        // 220-81-62517 is a widely published valid example; changing the last digit breaks it.
        assert_eq!(parse_business_number("220-81-62517").as_deref(), Ok("2208162517"));
        assert!(parse_business_number("220-81-62518").is_err());
        assert!(parse_business_number("12345").is_err());
        assert!(parse_business_number("abcdefghij").is_err());
        assert_eq!(format_business_number("2208162517"), "220-81-62517");
    }

    #[test]
    fn business_number_problems_say_why() {
        assert_eq!(check_business_number("220 81 62517").as_deref(), Ok("2208162517"));
        assert_eq!(check_business_number("220-81-6251"), Err(BusinessNumberProblem::Shape { digits: 9, other_characters: false }));
        assert_eq!(check_business_number("220-8a-62517"), Err(BusinessNumberProblem::Shape { digits: 9, other_characters: true }));
        assert_eq!(check_business_number("220-81-62518"), Err(BusinessNumberProblem::CheckDigit { expected: 7, found: 8 }));
        let shape = check_business_number("12345").unwrap_err().message();
        assert!(shape.ko.contains("5자리") && shape.en.contains("5 digits"), "{shape:?}");
        assert!(check_business_number("220-81-62518").unwrap_err().message().ko.contains("검증 번호"));
        // The CLI's English messages stay as they were.
        assert_eq!(
            parse_business_number("220-81-62518").unwrap_err(),
            "'220-81-62518' is not a valid business registration number: its check digit should be 7, not 8"
        );
    }

    #[test]
    fn bands_and_regions() {
        assert_eq!(employee_band(0), "1-9");
        assert_eq!(employee_band(9), "1-9");
        assert_eq!(employee_band(10), "10-49");
        assert_eq!(employee_band(299), "100-299");
        assert_eq!(employee_band(300), "300+");
        assert_eq!(parse_sido("daegu"), Ok("대구"));
        assert_eq!(parse_sido("경남"), Ok("경남"));
        assert!(parse_sido("Atlantis").is_err());
        assert_eq!(ksic_divisions().len(), 25);
    }
}
