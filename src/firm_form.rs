//! Checking a firm's details as entered, field by field, with reasons in plain words in both
//! languages. The store checks the same rules again when it saves; this gives the form its
//! messages before anything is written.

use crate::firm;
use crate::i18n::Text;
use crate::store::{OrganizationInput, Store, StoreError};
use serde::Serialize;

/// A problem with one field of the firm form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldProblem {
    /// The field: name, business_number, ksic_division, sido.
    pub field: &'static str,
    pub message: Text,
}

/// Every problem with `input`, field by field; empty when the store would accept it. `except`
/// is the firm being edited, whose own business number is not a duplicate.
pub fn organization_problems(store: &Store, input: &OrganizationInput, except: Option<i64>) -> Result<Vec<FieldProblem>, StoreError> {
    let mut problems = Vec::new();
    if input.name.trim().is_empty() {
        problems.push(FieldProblem { field: "name", message: Text::new("기업 이름을 적어 주세요.", "Enter the firm's name.") });
    }
    if let Some(number) = input.business_number.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        match firm::check_business_number(number) {
            Err(problem) => problems.push(FieldProblem { field: "business_number", message: problem.message() }),
            Ok(digits) => {
                let owner = store.organizations(Some(&digits))?.into_iter().find(|o| o.business_number.as_deref() == Some(&digits) && Some(o.id) != except);
                if let Some(owner) = owner {
                    problems.push(FieldProblem {
                        field: "business_number",
                        message: Text::new(
                            format!("이 사업자등록번호는 이미 '{}'에 등록되어 있습니다.", owner.name),
                            format!("This business registration number already belongs to '{}'.", owner.name),
                        ),
                    });
                }
            }
        }
    }
    if let Some(division) = input.ksic_division
        && firm::ksic_division(division).is_none()
    {
        problems.push(FieldProblem {
            field: "ksic_division",
            message: Text::new("제조업 업종(KSIC 10~34) 가운데에서 고르세요.", "Choose a manufacturing division (KSIC 10 to 34)."),
        });
    }
    if let Some(sido) = input.sido.as_deref().map(str::trim).filter(|s| !s.is_empty())
        && firm::parse_sido(sido).is_err()
    {
        problems.push(FieldProblem { field: "sido", message: Text::new("목록에서 시·도를 고르세요.", "Choose a province or city from the list.") });
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn input(name: &str, number: Option<&str>) -> OrganizationInput {
        OrganizationInput { name: name.into(), business_number: number.map(String::from), ..Default::default() }
    }

    #[test]
    fn each_field_gets_its_reason() {
        let store = Store::open_in_memory().unwrap();
        let mut bad = input(" ", Some("220-81-62518"));
        bad.ksic_division = Some(45);
        bad.sido = Some("Atlantis".into());
        let problems = organization_problems(&store, &bad, None).unwrap();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "business_number", "ksic_division", "sido"]);
        assert!(problems[1].message.ko.contains("검증 번호"));
        assert!(organization_problems(&store, &input("한빛", Some("220-81-62517")), None).unwrap().is_empty());
        assert!(organization_problems(&store, &input("한빛", None), None).unwrap().is_empty());
    }

    #[test]
    fn a_number_of_another_firm_is_a_duplicate_but_not_the_firm_itself() {
        let store = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let id = store.add_organization(&input("한빛정밀", Some("2208162517")), now).unwrap();
        let problems = organization_problems(&store, &input("다른 회사", Some("220-81-62517")), None).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.ko.contains("한빛정밀"));
        assert!(organization_problems(&store, &input("한빛정밀(주)", Some("220-81-62517")), Some(id)).unwrap().is_empty());
    }
}
