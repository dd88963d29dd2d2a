//! Every fixed text of the assessment report, in Korean and English, and the way numbers,
//! amounts and dates are written in each language.
//!
//! The labels live in one struct with one constant per language, so a label missing in either
//! language does not compile. Sentences built from figures are in `narrative`.

use crate::i18n::Lang;
use crate::plan::CostRange;

/// The fixed texts of the report in one language.
#[derive(Debug)]
pub struct ReportTexts {
    // Document.
    pub document_title: &'static str,
    pub document_subject: &'static str,
    pub footer_fingerprint: &'static str,
    pub page_number_format: &'static str,

    // Cover.
    pub cover_business_number: &'static str,
    pub cover_industry: &'static str,
    pub cover_employees: &'static str,
    pub cover_location: &'static str,
    pub cover_assessment_date: &'static str,
    pub cover_mode: &'static str,
    pub cover_assessor: &'static str,
    pub cover_questionnaire: &'static str,
    pub cover_questionnaire_version: &'static str,
    pub cover_assessment_number: &'static str,
    pub cover_previous_assessment: &'static str,
    pub cover_report_date: &'static str,
    pub cover_draft_warning: &'static str,
    pub cover_fingerprint_note: &'static str,
    pub mode_self: &'static str,
    pub mode_consultant: &'static str,
    pub status_draft_suffix: &'static str,
    pub not_given: &'static str,

    // Summary.
    pub summary_heading: &'static str,
    pub strongest_column: &'static str,
    pub weakest_column: &'static str,
    pub radar_caption: &'static str,
    pub radar_caption_benchmark: &'static str,
    pub overall_score_label: &'static str,
    pub coverage_label: &'static str,

    // Results by dimension.
    pub results_heading: &'static str,
    pub dimension_column: &'static str,
    pub score_column: &'static str,
    pub level_column: &'static str,
    pub coverage_column: &'static str,
    pub gate_column: &'static str,
    pub overall_row: &'static str,
    pub score_bars_heading: &'static str,
    pub gate_explanation: &'static str,
    pub benchmark_heading: &'static str,
    pub benchmark_you_column: &'static str,
    pub benchmark_median_column: &'static str,
    pub benchmark_range_column: &'static str,
    pub benchmark_position_column: &'static str,

    // Dimension details.
    pub details_heading: &'static str,
    pub details_intro: &'static str,
    pub next_level_prefix: &'static str,
    pub answers_heading: &'static str,
    pub question_column: &'static str,
    pub answer_column: &'static str,
    pub item_score_column: &'static str,
    pub note_prefix: &'static str,
    pub evidence_prefix: &'static str,
    pub consultant_marker: &'static str,
    pub status_skipped: &'static str,
    pub status_not_applicable: &'static str,
    pub status_unanswered: &'static str,
    pub status_pending: &'static str,
    pub status_unscored: &'static str,
    pub score_excluded: &'static str,
    pub disagreements_heading: &'static str,
    pub self_rating_column: &'static str,
    pub consultant_rating_column: &'static str,
    pub difference_column: &'static str,

    // Roadmap.
    pub roadmap_heading: &'static str,
    pub roadmap_missing: &'static str,
    pub roadmap_empty: &'static str,
    pub current_level_column: &'static str,
    pub target_level_column: &'static str,
    pub timeline_heading: &'static str,
    pub action_table_heading: &'static str,
    pub step_column: &'static str,
    pub cost_column: &'static str,
    pub duration_column: &'static str,
    pub programmes_column: &'static str,
    pub follow_up_column: &'static str,
    pub no_programme: &'static str,
    pub no_action: &'static str,
    pub investment_heading: &'static str,
    pub investment_part_column: &'static str,
    pub investment_steps_column: &'static str,
    pub investment_cost_column: &'static str,
    pub investment_support_column: &'static str,
    pub investment_total_row: &'static str,
    pub investment_support_note: &'static str,
    pub programmes_heading: &'static str,
    pub programmes_expired_note: &'static str,
    pub programme_column: &'static str,
    pub programme_agency_column: &'static str,
    pub programme_status_column: &'static str,
    pub programme_period_column: &'static str,
    pub programme_limit_column: &'static str,
    pub programme_open: &'static str,
    pub programme_expired: &'static str,
    pub programme_upcoming: &'static str,
    pub action_todo: &'static str,
    pub action_doing: &'static str,
    pub action_done: &'static str,
    pub action_dropped: &'static str,

    // Progress.
    pub progress_heading: &'static str,
    pub before_column: &'static str,
    pub after_column: &'static str,
    pub score_change_column: &'static str,
    pub level_change_column: &'static str,
    pub actions_done_heading: &'static str,
    pub actions_done_none: &'static str,
    pub done_on_column: &'static str,
    pub action_column: &'static str,
    pub owner_column: &'static str,

    // Method.
    pub method_heading: &'static str,
    pub method_scores_heading: &'static str,
    pub method_item_score: &'static str,
    pub method_ratings: &'static str,
    pub method_skip_logic: &'static str,
    pub method_dimension_score: &'static str,
    pub method_level: &'static str,
    pub method_overall_mean_of_levels: &'static str,
    pub method_overall_thresholds: &'static str,
    pub method_coverage: &'static str,
    pub method_plan_heading: &'static str,
    pub method_plan: &'static str,
    pub method_costs: &'static str,
    pub method_progress: &'static str,
    pub method_benchmark: &'static str,
    pub method_fingerprint_heading: &'static str,
    pub method_fingerprint: &'static str,
    pub method_levels_heading: &'static str,
    pub method_data_heading: &'static str,
    pub questionnaire_id_label: &'static str,
    pub questionnaire_version_label: &'static str,
    pub questionnaire_hash_label: &'static str,
    pub recommendations_label: &'static str,
    pub programmes_checked_label: &'static str,
    pub plan_day_label: &'static str,
    pub fingerprint_label: &'static str,
    pub level_name_column: &'static str,
    pub level_description_column: &'static str,
    pub threshold_column: &'static str,
}

/// The Korean texts.
pub const KOREAN: ReportTexts = ReportTexts {
    document_title: "디지털·AI 성숙도 진단 보고서",
    document_subject: "제조기업 디지털·AI 성숙도 진단 결과와 개선 계획",
    footer_fingerprint: "데이터 지문",
    page_number_format: "{page} / {pages}",

    cover_business_number: "사업자등록번호",
    cover_industry: "업종",
    cover_employees: "종업원 수",
    cover_location: "소재지",
    cover_assessment_date: "진단일",
    cover_mode: "진단 방식",
    cover_assessor: "진단자",
    cover_questionnaire: "설문",
    cover_questionnaire_version: "설문 버전",
    cover_assessment_number: "진단 번호",
    cover_previous_assessment: "이전 진단",
    cover_report_date: "보고서 작성일",
    cover_draft_warning: "아직 작성 중인 진단입니다. 응답이 바뀌면 이 보고서의 수치도 달라집니다.",
    cover_fingerprint_note: "이 보고서의 모든 수치는 진단 응답에서 계산했습니다. 각 쪽 아래의 데이터 지문으로 보고서가 작업 공간의 원본 응답과 같은지 확인할 수 있습니다(jindan report verify).",
    mode_self: "자가진단",
    mode_consultant: "컨설턴트 현장 진단",
    status_draft_suffix: "(작성 중)",
    not_given: "—",

    summary_heading: "1. 종합 요약",
    strongest_column: "앞선 영역 3",
    weakest_column: "뒤처진 영역 3",
    radar_caption: "바깥 고리가 수준 5입니다. 축마다 그 영역의 수준(0~5)을 표시했습니다.",
    radar_caption_benchmark: "비교 그룹은 그룹 중앙값 점수가 도달하는 수준입니다(관문 조건은 적용하지 않음).",
    overall_score_label: "종합 점수",
    coverage_label: "응답률",

    results_heading: "2. 영역별 결과",
    dimension_column: "영역",
    score_column: "점수",
    level_column: "수준",
    coverage_column: "응답률",
    gate_column: "수준을 묶은 관문",
    overall_row: "종합",
    score_bars_heading: "영역별 점수 (0~100)",
    gate_explanation: "관문은 어떤 수준에 오르려면 반드시 갖춰야 하는 조건 문항입니다. 점수가 높아도 관문 문항이 기준에 못 미치면 그 아래 수준에 머뭅니다.",
    benchmark_heading: "비슷한 기업과의 비교",
    benchmark_you_column: "우리 점수",
    benchmark_median_column: "그룹 중앙값",
    benchmark_range_column: "중간 50% 범위",
    benchmark_position_column: "위치",

    details_heading: "3. 영역별 상세",
    details_intro: "영역마다 현재 수준의 모습, 문항별 답변과 점수, 메모와 증빙, 자체 평가와 컨설턴트 평가가 크게 다른 문항을 정리했습니다.",
    next_level_prefix: "다음 수준",
    answers_heading: "문항별 답변",
    question_column: "문항",
    answer_column: "답변",
    item_score_column: "점수",
    note_prefix: "메모",
    evidence_prefix: "증빙",
    consultant_marker: "[컨설턴트 평가]",
    status_skipped: "건너뜀 (앞 문항의 답에 따라 0점)",
    status_not_applicable: "해당 없음",
    status_unanswered: "미응답",
    status_pending: "앞 문항 응답 대기",
    status_unscored: "—",
    score_excluded: "제외",
    disagreements_heading: "자체 평가와 컨설턴트 평가의 차이",
    self_rating_column: "기업 자체 평가",
    consultant_rating_column: "컨설턴트 평가",
    difference_column: "차이",

    roadmap_heading: "4. 개선 로드맵",
    roadmap_missing: "이 설문에는 개선 단계 자료가 없어 로드맵을 만들지 못했습니다.",
    roadmap_empty: "모든 영역이 목표 수준에 있어 계획할 단계가 없습니다.",
    current_level_column: "현재 수준",
    target_level_column: "목표 수준",
    timeline_heading: "단계별 일정",
    action_table_heading: "개선 단계와 비용",
    step_column: "개선 단계",
    cost_column: "예상 비용",
    duration_column: "기간",
    programmes_column: "해당 지원사업",
    follow_up_column: "추적 관리",
    no_programme: "—",
    no_action: "—",
    investment_heading: "투자 패키지",
    investment_part_column: "구분",
    investment_steps_column: "단계 수",
    investment_cost_column: "예상 비용",
    investment_support_column: "지원 예상 (상한)",
    investment_total_row: "합계",
    investment_support_note: "지원 예상은 단계마다 별도 과제로 신청하고 가장 유리한 지원사업 하나를 받는다고 가정한 상한입니다. 실제 지원은 공고의 자격과 심사에 따라 달라집니다.",
    programmes_heading: "관련 지원사업",
    programmes_expired_note: "단계와 맞지만 이미 종료되어 계획에 넣지 않은 지원사업",
    programme_column: "지원사업",
    programme_agency_column: "주관",
    programme_status_column: "상태",
    programme_period_column: "기간",
    programme_limit_column: "지원 한도",
    programme_open: "신청 가능",
    programme_expired: "종료",
    programme_upcoming: "예정",
    action_todo: "할 일",
    action_doing: "진행 중",
    action_done: "완료",
    action_dropped: "중단",

    progress_heading: "5. 지난 진단 대비 진척",
    before_column: "이전",
    after_column: "이번",
    score_change_column: "점수 변화",
    level_change_column: "수준 변화",
    actions_done_heading: "두 진단 사이에 완료한 조치",
    actions_done_none: "두 진단 사이에 완료로 기록된 조치가 없습니다.",
    done_on_column: "완료일",
    action_column: "조치",
    owner_column: "담당",

    method_heading: "부록. 계산 방법",
    method_scores_heading: "점수와 수준",
    method_item_score: "문항 점수(0~100%): 단일 선택은 고른 보기의 점수, 복수 선택은 고른 보기의 비율(또는 보기별 점수의 합, 최대 100%), 격자형은 행별 점수의 평균, 숫자형은 해당 구간의 점수입니다. 서술형은 점수를 매기지 않습니다.",
    method_ratings: "컨설턴트가 평가한 문항은 컨설턴트의 평가로 계산합니다. 기업 자체 평가와의 차이가 기준 이상이면 차이 표에 표시합니다.",
    method_skip_logic: "앞 문항의 답 때문에 보이지 않는 문항은 0점(갖추지 않음)으로, 앞 문항이 '해당 없음'이면 그 문항도 '해당 없음'으로 봅니다.",
    method_dimension_score: "영역 점수(0~100) = 100 × 문항 가중치로 가중 평균한 문항 점수입니다. '해당 없음' 문항은 분모에서 빠지고, 답하지 않은 문항은 점수가 아니라 응답률만 낮춥니다.",
    method_level: "영역 수준(0~5)은 영역 점수가 넘은 가장 높은 기준점의 수준입니다. 다만 그 수준 이하의 관문 문항이 기준에 못 미치면 그 관문 바로 아래 수준에 머뭅니다.",
    method_overall_mean_of_levels: "종합 점수는 영역 점수를 영역 가중치로 가중 평균한 값입니다. 종합 수준은 영역 수준의 가중 평균을 내림한 값이라 관문이 종합 수준에도 반영됩니다.",
    method_overall_thresholds: "종합 점수는 영역 점수를 영역 가중치로 가중 평균한 값이고, 종합 수준은 종합 점수가 넘은 가장 높은 기준점의 수준입니다.",
    method_coverage: "응답률은 점수를 매기는 문항 가운데 답했거나 건너뛴 문항의 비율입니다('해당 없음' 제외).",
    method_plan_heading: "개선 계획",
    method_plan: "목표를 따로 정하지 않은 영역은 현재보다 한 수준 위를 목표로 합니다. 현재 수준과 목표 사이의 개선 단계와 그 선행 단계를 모으고, 우선순위(수준 격차 × 영역 가중치 × 효과 ÷ 노력)가 높은 순으로 선행 단계를 지키며 정렬합니다. 모든 단계는 선행 단계가 끝나는 즉시 시작한다고 보고, 끝나는 달에 따라 빠른 성과(3개월 이내), 단기(12개월 이내), 중기로 나눕니다.",
    method_costs: "비용은 중소 제조기업 기준의 예상 범위이며 단계별 범위를 더했습니다. 지원사업은 단계의 태그와 맞고 기준일에 유효한 것만 연결하며, 지원 예상은 지원 비율을 비용에 곱하고 한도로 자른 값입니다.",
    method_progress: "진척은 두 진단을 각각 계산한 점수와 수준의 차이입니다. 완료한 조치는 이전 진단이 끝난 때부터 이번 진단이 끝난 때까지 완료로 바뀐 조치입니다.",
    method_benchmark: "비교 그룹은 설치된 벤치마크에서 업종, 규모, 지역이 가장 많이 일치하는 공개 셀입니다. 중앙값과 사분위수는 벤치마크 파일에 적힌 방법으로 계산되었고, 셀마다 최소 기업 수 이상일 때만 공개됩니다.",
    method_fingerprint_heading: "데이터 지문",
    method_fingerprint: "데이터 지문은 진단 번호, 설문 내용 해시, 문항별 유효 응답(컨설턴트 평가가 있으면 그 평가), 영역별·종합 점수와 수준을 정해진 JSON 형식으로 적은 뒤 SHA-256으로 요약한 값입니다. 쪽 아래에는 앞 12자리를, 문서 정보(키워드)에는 전체 값을 넣었습니다. 메모와 증빙은 포함하지 않습니다. jindan report verify 파일.pdf 를 실행하면 작업 공간의 현재 응답으로 다시 계산해 비교합니다.",
    method_levels_heading: "수준의 뜻",
    method_data_heading: "이 보고서의 자료",
    questionnaire_id_label: "설문 ID",
    questionnaire_version_label: "설문 버전",
    questionnaire_hash_label: "설문 내용 해시",
    recommendations_label: "개선 단계 자료",
    programmes_checked_label: "지원사업 정보 확인일",
    plan_day_label: "계획 기준일",
    fingerprint_label: "데이터 지문",
    level_name_column: "이름",
    level_description_column: "설명",
    threshold_column: "기준 점수",
};

/// The English texts.
pub const ENGLISH: ReportTexts = ReportTexts {
    document_title: "Digital and AI Maturity Diagnosis Report",
    document_subject: "A manufacturer's digital and AI maturity diagnosis and improvement plan",
    footer_fingerprint: "Data fingerprint",
    page_number_format: "Page {page} / {pages}",

    cover_business_number: "Business registration no.",
    cover_industry: "Industry",
    cover_employees: "Employees",
    cover_location: "Location",
    cover_assessment_date: "Assessment date",
    cover_mode: "Assessment mode",
    cover_assessor: "Assessor",
    cover_questionnaire: "Questionnaire",
    cover_questionnaire_version: "Questionnaire version",
    cover_assessment_number: "Assessment no.",
    cover_previous_assessment: "Previous assessment",
    cover_report_date: "Report date",
    cover_draft_warning: "This assessment is still a draft. If answers change, the figures in this report change too.",
    cover_fingerprint_note: "Every figure in this report is computed from the assessment's answers. The data fingerprint at the foot of each page shows whether the report still matches the answers stored in the workspace (jindan report verify).",
    mode_self: "Self-assessment",
    mode_consultant: "Consultant on site",
    status_draft_suffix: "(draft)",
    not_given: "—",

    summary_heading: "1. Executive summary",
    strongest_column: "Three strongest",
    weakest_column: "Three weakest",
    radar_caption: "The outer ring is level 5. Each axis shows the dimension's level (0 to 5).",
    radar_caption_benchmark: "The peer group is drawn at the level its median score reaches (gates are not applied).",
    overall_score_label: "Overall score",
    coverage_label: "Coverage",

    results_heading: "2. Results by dimension",
    dimension_column: "Dimension",
    score_column: "Score",
    level_column: "Level",
    coverage_column: "Coverage",
    gate_column: "Gate holding the level",
    overall_row: "Overall",
    score_bars_heading: "Score by dimension (0 to 100)",
    gate_explanation: "A gate is a question that must be met before a level can be reached. However high the score, a dimension whose gate question falls short stays below that level.",
    benchmark_heading: "Compared with similar firms",
    benchmark_you_column: "Your score",
    benchmark_median_column: "Group median",
    benchmark_range_column: "Middle 50%",
    benchmark_position_column: "Position",

    details_heading: "3. Dimension details",
    details_intro: "For each dimension: what its current level looks like, every answer with its score, notes and evidence, and the questions where the firm's own rating and the consultant's differ widely.",
    next_level_prefix: "Next level",
    answers_heading: "Answers",
    question_column: "Question",
    answer_column: "Answer",
    item_score_column: "Score",
    note_prefix: "Note",
    evidence_prefix: "Evidence",
    consultant_marker: "[consultant's rating]",
    status_skipped: "Skipped (counts 0 after an earlier answer)",
    status_not_applicable: "Not applicable",
    status_unanswered: "Not answered",
    status_pending: "Waits for an earlier answer",
    status_unscored: "—",
    score_excluded: "excluded",
    disagreements_heading: "Where the firm's and the consultant's ratings differ",
    self_rating_column: "Firm's own rating",
    consultant_rating_column: "Consultant's rating",
    difference_column: "Difference",

    roadmap_heading: "4. Improvement roadmap",
    roadmap_missing: "No improvement steps are written for this questionnaire, so there is no roadmap.",
    roadmap_empty: "Every dimension is at its target level, so there is nothing to plan.",
    current_level_column: "Current level",
    target_level_column: "Target level",
    timeline_heading: "Timeline",
    action_table_heading: "Steps and costs",
    step_column: "Step",
    cost_column: "Likely cost",
    duration_column: "Duration",
    programmes_column: "Matching programmes",
    follow_up_column: "Follow-up",
    no_programme: "—",
    no_action: "—",
    investment_heading: "Investment package",
    investment_part_column: "Part",
    investment_steps_column: "Steps",
    investment_cost_column: "Likely cost",
    investment_support_column: "Possible support (upper bound)",
    investment_total_row: "Total",
    investment_support_note: "Possible support is an upper bound: each step is assumed to be its own application, funded by the most generous matching programme. Actual support depends on each call's eligibility rules and selection.",
    programmes_heading: "Related support programmes",
    programmes_expired_note: "Matching programmes that have ended and are not offered",
    programme_column: "Programme",
    programme_agency_column: "Run by",
    programme_status_column: "Status",
    programme_period_column: "Period",
    programme_limit_column: "Limit",
    programme_open: "open",
    programme_expired: "expired",
    programme_upcoming: "upcoming",
    action_todo: "to do",
    action_doing: "in progress",
    action_done: "done",
    action_dropped: "dropped",

    progress_heading: "5. Progress since the previous assessment",
    before_column: "Before",
    after_column: "Now",
    score_change_column: "Score change",
    level_change_column: "Level change",
    actions_done_heading: "Actions completed between the two assessments",
    actions_done_none: "No action was recorded as completed between the two assessments.",
    done_on_column: "Completed",
    action_column: "Action",
    owner_column: "Owner",

    method_heading: "Appendix. How the figures are computed",
    method_scores_heading: "Scores and levels",
    method_item_score: "Item score (0 to 100%): for a single choice, the chosen option's score; for a multi-select, the share of options chosen (or the sum of their points, at most 100%); for a grid, the mean over its rows; for a number, the score of its band. Free text is not scored.",
    method_ratings: "Where a consultant rated a question, the consultant's rating counts. When it differs from the firm's own rating by the threshold or more, the question is listed among the differences.",
    method_skip_logic: "A question hidden by an earlier answer counts as 0 (not in place); a question whose earlier question is not applicable is not applicable too.",
    method_dimension_score: "Dimension score (0 to 100) = 100 × the mean of the item scores weighted by question weight. Questions answered 'not applicable' leave the denominator; unanswered questions lower the coverage, never the score.",
    method_level: "Dimension level (0 to 5) = the highest level whose threshold the score reaches, unless a gate question at or below that level falls short: then the dimension stays just below that gate.",
    method_overall_mean_of_levels: "Overall score = the dimension scores averaged with the dimension weights. Overall level = the weighted mean of the dimension levels, rounded down, so gates carry through to it.",
    method_overall_thresholds: "Overall score = the dimension scores averaged with the dimension weights. Overall level = the highest level whose threshold the overall score reaches.",
    method_coverage: "Coverage = the share of scored questions that are answered or skipped (questions answered 'not applicable' are left out).",
    method_plan_heading: "Improvement plan",
    method_plan: "A dimension without a set target aims one level above its current level. The plan gathers the steps between the current level and the target, with their prerequisites, and orders them by priority (level gap × dimension weight × impact ÷ effort) while keeping every prerequisite first. Each step starts as soon as the steps it waits for finish; by the month it finishes it is a quick win (within 3 months), short term (within 12) or mid term.",
    method_costs: "Costs are likely ranges for a manufacturing SME, summed step by step. A programme is matched to a step when they share a tag and the programme is valid on the plan's day; possible support is the programme's share of the cost, capped at its limit.",
    method_progress: "Progress is the difference between the scores and levels of the two assessments, each computed on its own. Completed actions are those marked done after the previous assessment was completed and no later than this one.",
    method_benchmark: "The peer group is the published cell of the installed benchmark that matches the firm's industry, size band and region most closely. Medians and quartiles are computed as the benchmark file states, and a cell is published only when it holds at least the minimum number of firms.",
    method_fingerprint_heading: "Data fingerprint",
    method_fingerprint: "The data fingerprint is the SHA-256 digest of a fixed JSON form of the assessment number, the questionnaire's content hash, every question's effective answer (the consultant's rating where there is one), and the dimension and overall scores and levels. The foot of each page shows its first 12 digits; the document properties (keywords) hold all of it. Notes and evidence are not included. Run jindan report verify FILE.pdf to recompute it from the answers now stored in the workspace.",
    method_levels_heading: "What the levels mean",
    method_data_heading: "Data behind this report",
    questionnaire_id_label: "Questionnaire id",
    questionnaire_version_label: "Questionnaire version",
    questionnaire_hash_label: "Questionnaire content hash",
    recommendations_label: "Improvement steps",
    programmes_checked_label: "Programme facts checked on",
    plan_day_label: "Plan made for",
    fingerprint_label: "Data fingerprint",
    level_name_column: "Name",
    level_description_column: "Description",
    threshold_column: "Threshold",
};

/// The fixed texts in a language.
pub fn report_texts(lang: Lang) -> &'static ReportTexts {
    match lang {
        Lang::Ko => &KOREAN,
        Lang::En => &ENGLISH,
    }
}

/// "수준 3" / "Level 3".
pub fn level_label(level: u8, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("수준 {level}"),
        Lang::En => format!("Level {level}"),
    }
}

/// A score on the 0–100 scale with one decimal: "62.3점" / "62.3"; "—" when there is none.
pub fn score_text(score: Option<f64>, lang: Lang) -> String {
    match (score, lang) {
        (None, _) => "—".to_string(),
        (Some(s), Lang::Ko) => format!("{s:.1}점"),
        (Some(s), Lang::En) => format!("{s:.1}"),
    }
}

/// A signed change with one decimal, "+4.2" or "-1.0"; a change that rounds to zero is "0.0".
pub fn signed_change_text(change: f64) -> String {
    let rounded = (change * 10.0).round() / 10.0;
    if rounded == 0.0 { "0.0".to_string() } else { format!("{rounded:+.1}") }
}

/// A share in [0, 1] as a whole per cent: "75%".
pub fn percent_text(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Groups the digits of a number in threes: 1234567 → "1,234,567".
pub fn grouped_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount in Korean units without the currency: 120,000,000 → "1억 2,000만", 5,000 → "5,000".
fn korean_amount(won: u64) -> String {
    let eok = won / 100_000_000;
    let man = (won % 100_000_000) / 10_000;
    let rest = won % 10_000;
    let mut parts = Vec::new();
    if eok > 0 {
        parts.push(format!("{}억", grouped_digits(eok)));
    }
    if man > 0 {
        parts.push(format!("{}만", grouped_digits(man)));
    }
    if rest > 0 || parts.is_empty() {
        parts.push(grouped_digits(rest));
    }
    parts.join(" ")
}

/// The unit an English amount is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EnglishUnit {
    Won,
    Million,
    Billion,
}

fn english_unit(won: u64) -> EnglishUnit {
    if won >= 1_000_000_000 {
        EnglishUnit::Billion
    } else if won >= 1_000_000 {
        EnglishUnit::Million
    } else {
        EnglishUnit::Won
    }
}

/// A number in a unit with at most `decimals` decimals, trailing zeros dropped.
fn trimmed_decimal(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

fn english_number(won: u64, unit: EnglishUnit) -> String {
    match unit {
        EnglishUnit::Won => grouped_digits(won),
        EnglishUnit::Million => trimmed_decimal(won as f64 / 1e6, 1),
        EnglishUnit::Billion => trimmed_decimal(won as f64 / 1e9, 2),
    }
}

fn english_unit_suffix(unit: EnglishUnit) -> &'static str {
    match unit {
        EnglishUnit::Won => "",
        EnglishUnit::Million => " million",
        EnglishUnit::Billion => " billion",
    }
}

/// An amount in won: "1억 2,000만 원" / "KRW 120 million".
pub fn won_text(won: u64, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("{} 원", korean_amount(won)),
        Lang::En => {
            let unit = english_unit(won);
            format!("KRW {}{}", english_number(won, unit), english_unit_suffix(unit))
        }
    }
}

/// A cost range in won: "5,000만~1억 2,000만 원" / "KRW 50–120 million"; a range whose ends are
/// equal is written as one amount.
pub fn cost_range_text(range: CostRange, lang: Lang) -> String {
    if range.min == range.max {
        return won_text(range.max, lang);
    }
    match lang {
        Lang::Ko => format!("{}~{} 원", korean_amount(range.min), korean_amount(range.max)),
        Lang::En => {
            let (low_unit, high_unit) = (english_unit(range.min), english_unit(range.max));
            // A range from nothing reads in the unit of its upper end: "KRW 0–5 million".
            if low_unit == high_unit || range.min == 0 {
                format!(
                    "KRW {}–{}{}",
                    english_number(range.min, high_unit),
                    english_number(range.max, high_unit),
                    english_unit_suffix(high_unit)
                )
            } else {
                format!(
                    "KRW {}{}–{}{}",
                    english_number(range.min, low_unit),
                    english_unit_suffix(low_unit),
                    english_number(range.max, high_unit),
                    english_unit_suffix(high_unit)
                )
            }
        }
    }
}

/// The day part (YYYY-MM-DD) of a stored timestamp or date.
pub fn day_text(timestamp: &str) -> String {
    timestamp.chars().take(10).collect()
}

/// A duration in months: "3개월" / "3 months".
pub fn months_text(months: u32, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("{months}개월"),
        Lang::En if months == 1 => "1 month".to_string(),
        Lang::En => format!("{months} months"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::{FontWeight, report_font};

    #[test]
    fn korean_amounts_use_eok_and_man() {
        assert_eq!(won_text(120_000_000, Lang::Ko), "1억 2,000만 원");
        assert_eq!(won_text(100_000_000, Lang::Ko), "1억 원");
        assert_eq!(won_text(48_000_000, Lang::Ko), "4,800만 원");
        assert_eq!(won_text(0, Lang::Ko), "0 원");
        assert_eq!(won_text(12_345, Lang::Ko), "1만 2,345 원");
        assert_eq!(won_text(1_250_000_000_000, Lang::Ko), "12,500억 원");
        assert_eq!(cost_range_text(CostRange { min: 48_000_000, max: 233_000_000 }, Lang::Ko), "4,800만~2억 3,300만 원");
        assert_eq!(cost_range_text(CostRange { min: 0, max: 5_000_000 }, Lang::Ko), "0~500만 원");
    }

    #[test]
    fn english_amounts_use_millions_and_billions() {
        assert_eq!(won_text(120_000_000, Lang::En), "KRW 120 million");
        assert_eq!(won_text(12_500_000, Lang::En), "KRW 12.5 million");
        assert_eq!(won_text(1_500_000_000, Lang::En), "KRW 1.5 billion");
        assert_eq!(won_text(500_000, Lang::En), "KRW 500,000");
        assert_eq!(cost_range_text(CostRange { min: 48_000_000, max: 233_000_000 }, Lang::En), "KRW 48–233 million");
        assert_eq!(cost_range_text(CostRange { min: 0, max: 5_000_000 }, Lang::En), "KRW 0–5 million");
        assert_eq!(cost_range_text(CostRange { min: 500_000_000, max: 1_200_000_000 }, Lang::En), "KRW 500 million–1.2 billion");
        assert_eq!(cost_range_text(CostRange { min: 7, max: 7 }, Lang::En), "KRW 7");
    }

    #[test]
    fn changes_and_scores_are_written_with_one_decimal() {
        assert_eq!(signed_change_text(4.24), "+4.2");
        assert_eq!(signed_change_text(-1.0), "-1.0");
        assert_eq!(signed_change_text(-0.04), "0.0");
        assert_eq!(score_text(Some(62.25), Lang::Ko), "62.2점");
        assert_eq!(score_text(None, Lang::En), "—");
        assert_eq!(day_text("2026-03-05T01:02:03Z"), "2026-03-05");
    }

    #[test]
    fn english_texts_have_no_hangul() {
        let debug = format!("{ENGLISH:?}");
        assert!(!debug.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3130}'..='\u{318F}').contains(&c)), "{debug}");
    }

    #[test]
    fn every_fixed_text_is_printable_in_both_faces() {
        for texts in [&KOREAN, &ENGLISH] {
            let debug = format!("{texts:?}");
            for weight in [FontWeight::Regular, FontWeight::Bold] {
                let font = report_font(weight).unwrap();
                let missing: Vec<char> = debug.chars().filter(|&c| !c.is_control() && !font.has_glyph(c)).collect();
                assert!(missing.is_empty(), "{} lacks {missing:?}", weight.font_name());
            }
        }
    }
}
