// The UI's words in Korean (the default) and English, and the current language.
//
// Texts that come from the core (questionnaires, reports) carry their own translations; this
// dictionary only holds the app's own labels.

const STORAGE_KEY = 'jindan.language';
const LANGUAGES = ['ko', 'en'];

const dictionary = {
  'app.tagline': { ko: '제조 디지털·AI 성숙도 진단', en: 'Digital and AI maturity for manufacturers' },
  'language.label': { ko: '언어', en: 'Language' },
  'nav.label': { ko: '주 메뉴', en: 'Main menu' },
  'nav.home': { ko: '기업과 평가', en: 'Firms' },
  'nav.history': { ko: '이력·변화', en: 'History' },
  'nav.group.next': { ko: '개선과 공유', en: 'Improve and share' },
  'nav.plan': { ko: '개선 계획', en: 'Plan' },
  'nav.report': { ko: '보고서', en: 'Report' },
  'nav.centre': { ko: '센터', en: 'Centre' },
  'nav.settings': { ko: '설정', en: 'Settings' },
  'common.loading': { ko: '불러오는 중…', en: 'Loading…' },
  'common.version': { ko: '버전', en: 'Version' },
  'common.cancel': { ko: '취소', en: 'Cancel' },
  'progress.label': { ko: '진행률', en: 'Progress' },

  'level.short': { ko: '수준 {level}', en: 'Level {level}' },
  'level.none': { ko: '수준 —', en: 'Level —' },
  'status.draft': { ko: '작성 중', en: 'Draft' },
  'status.completed': { ko: '완료', en: 'Completed' },
  'mode.self': { ko: '자체 진단', en: 'Self-assessment' },
  'mode.self.body': { ko: '기업 담당자가 직접 답합니다.', en: 'The firm answers for itself.' },
  'mode.consultant': { ko: '컨설턴트 진단', en: 'Consultant assessment' },
  'mode.consultant.body': { ko: '기업의 답 옆에 컨설턴트 평가를 함께 기록합니다.', en: 'The consultant records a rating beside the firm’s own answer.' },

  'home.title': { ko: '기업과 평가', en: 'Firms and assessments' },
  'home.subtitle': {
    ko: '우리 공장의 디지털·AI 수준을 진단하고, 다음에 할 일을 정리합니다.',
    en: 'Find where your factory stands in digital and AI use, and what to do next.',
  },
  'home.summary': { ko: '기업 {firms}곳 · 평가 {assessments}건', en: '{firms} firms · {assessments} assessments' },
  'home.search.placeholder': { ko: '기업명, 사업자번호, 지역, 산업단지', en: 'Name, business number, region, complex' },
  'home.search.label': { ko: '기업 찾기', en: 'Search firms' },
  'home.search.none': { ko: '"{search}"에 맞는 기업이 없습니다.', en: 'No firm matches "{search}".' },
  'home.add_firm': { ko: '기업 등록', en: 'Add a firm' },
  'home.edit_firm': { ko: '기업 정보 수정', en: 'Edit firm details' },
  'home.no_details': { ko: '기업 정보를 더 적어 두면 비슷한 기업과 비교할 수 있습니다.', en: 'Add details to compare with similar firms.' },
  'home.history': { ko: '이력·변화', en: 'History' },
  'home.new_assessment': { ko: '새 평가', en: 'New assessment' },
  'home.no_assessments': { ko: '아직 평가가 없습니다. "새 평가"로 시작하세요.', en: 'No assessments yet. Start one with "New assessment".' },
  'home.col.questionnaire': { ko: '설문', en: 'Questionnaire' },
  'home.col.started': { ko: '시작일', en: 'Started' },
  'home.col.progress': { ko: '진행률', en: 'Progress' },
  'home.col.status': { ko: '상태', en: 'Status' },
  'home.col.level': { ko: '종합 수준', en: 'Overall' },
  'home.col.actions': { ko: '작업', en: 'Actions' },
  'home.resume': { ko: '이어서 답하기', en: 'Resume' },
  'home.answers': { ko: '답 보기', en: 'Answers' },
  'home.results': { ko: '결과', en: 'Results' },
  'home.reassess': { ko: '재진단', en: 'Re-assess' },
  'home.reassessment': { ko: '재진단', en: 'Re-assessment' },
  'home.delete': { ko: '평가 삭제', en: 'Delete assessment' },
  'home.empty.title': { ko: '아직 등록된 기업이 없습니다', en: 'No firms yet' },
  'home.empty.body': {
    ko: '진단할 기업을 등록하면 평가를 시작할 수 있습니다. 먼저 둘러보려면 예시 작업 공간을 불러오세요.',
    en: 'Add the firm to diagnose and start an assessment. To look around first, load the demo workspace.',
  },
  'home.demo': { ko: '예시 작업 공간 불러오기', en: 'Load the demo workspace' },
  'home.demo.note': {
    ko: '예시에는 가상의 기업 다섯 곳과 1년 뒤 재진단한 결과가 들어 있습니다. 언제든 평가를 지울 수 있습니다.',
    en: 'The demo holds five fictitious firms, some re-assessed a year later. You can delete them at any time.',
  },
  'home.steps.title': { ko: '진단은 이렇게 진행됩니다', en: 'How a diagnosis works' },
  'home.steps.company': { ko: '기업 정보 입력', en: 'Enter company details' },
  'home.steps.company.body': {
    ko: '업종, 규모, 지역을 적어 두면 비슷한 기업과 비교할 수 있습니다.',
    en: 'Industry, size and region let you compare with similar firms.',
  },
  'home.steps.answer': { ko: '문항 응답', en: 'Answer the questions' },
  'home.steps.answer.body': {
    ko: '영역별 문항에 답하고, 근거 자료와 메모를 함께 남깁니다. 답은 바로 저장됩니다.',
    en: 'Answer each area’s questions with evidence and notes. Every answer is saved at once.',
  },
  'home.steps.result': { ko: '결과와 변화', en: 'Results and progress' },
  'home.steps.result.body': {
    ko: '영역별 수준과 그 이유를 보고, 재진단으로 변화를 확인합니다.',
    en: 'See each area’s level and why, then re-assess to see the change.',
  },
  'home.questionnaires.title': { ko: '진단 설문', en: 'Questionnaires' },
  'home.questionnaires.none': { ko: '사용할 수 있는 설문이 없습니다.', en: 'No questionnaires are available.' },
  'home.questionnaires.count': { ko: '{dimensions}개 영역 · {questions}문항', en: '{dimensions} areas · {questions} questions' },

  'assessment.questionnaire': { ko: '설문', en: 'Questionnaire' },
  'assessment.mode': { ko: '진단 방식', en: 'Mode' },
  'assessment.assessor': { ko: '평가자 (선택)', en: 'Assessor (optional)' },
  'assessment.assessor.placeholder': { ko: '예: 생산관리팀 이수진', en: 'e.g. Production manager Lee' },
  'assessment.new.title': { ko: '{firm} — 새 평가', en: '{firm} — new assessment' },
  'assessment.new.start': { ko: '평가 시작', en: 'Start' },
  'assessment.new.pick': { ko: '설문을 고르세요.', en: 'Choose a questionnaire.' },
  'reassess.title': { ko: '{firm} — 재진단', en: '{firm} — re-assessment' },
  'reassess.body': {
    ko: '{date}에 시작한 "{questionnaire}" 평가와 같은 설문으로 새 평가를 시작합니다. 두 평가는 이력 화면에서 영역별로 비교됩니다.',
    en: 'A new assessment starts with the same questionnaire as "{questionnaire}" of {date}. The History screen compares the two, area by area.',
  },
  'reassess.why_empty': {
    ko: '답은 복사하지 않고 빈 상태로 시작합니다. 지금의 모습을 새로 답해야 변화가 정확히 드러나기 때문입니다. 대신 문항마다 지난 답을 참고로 보여 줍니다.',
    en: 'Answers are not copied: the new assessment starts empty, because only fresh answers show the change truthfully. Each question shows the earlier answer for reference.',
  },
  'reassess.start': { ko: '재진단 시작', en: 'Start re-assessment' },
  'delete.title': { ko: '평가를 삭제할까요?', en: 'Delete this assessment?' },
  'delete.body': { ko: '{firm}의 "{questionnaire}" 평가({date})와 그 답을 모두 지웁니다.', en: 'This deletes the "{questionnaire}" assessment of {firm} ({date}) and all its answers.' },
  'delete.irreversible': { ko: '지운 뒤에는 되돌릴 수 없습니다. 필요하면 먼저 설정에서 백업하세요.', en: 'This cannot be undone. Make a backup in Settings first if you may need it.' },
  'delete.confirm': { ko: '삭제', en: 'Delete' },

  'firm.new.title': { ko: '기업 등록', en: 'Add a firm' },
  'firm.new.subtitle': { ko: '이름만 있으면 등록할 수 있습니다. 나머지는 비슷한 기업과 비교할 때 쓰입니다.', en: 'Only the name is required; the rest is used to compare with similar firms.' },
  'firm.edit.eyebrow': { ko: '기업 정보', en: 'Firm details' },
  'firm.edit.subtitle': { ko: '{date}에 등록', en: 'Added on {date}' },
  'firm.name': { ko: '기업명', en: 'Name' },
  'firm.business_number': { ko: '사업자등록번호', en: 'Business registration number' },
  'firm.business_number.hint': { ko: '10자리, 예: 123-45-67890. 입력하는 동안 확인합니다.', en: 'Ten digits, e.g. 123-45-67890. Checked as you type.' },
  'firm.business_number.valid': { ko: '올바른 번호입니다: {number}', en: 'Valid number: {number}' },
  'firm.ksic': { ko: '업종 (KSIC 중분류)', en: 'Industry (KSIC division)' },
  'firm.choose': { ko: '고르세요', en: 'Choose' },
  'firm.employees': { ko: '상시 근로자 수', en: 'Employees' },
  'firm.employees.hint': { ko: '통계에는 1–9, 10–49, 50–99, 100–299, 300명 이상 구간으로만 쓰입니다.', en: 'Statistics use only the bands 1–9, 10–49, 50–99, 100–299 and 300+.' },
  'firm.employees.invalid': { ko: '0 이상의 정수로 적어 주세요.', en: 'Enter a whole number, 0 or more.' },
  'firm.employees.count': { ko: '{count}명', en: '{count} employees' },
  'firm.sido': { ko: '시·도', en: 'Province / city' },
  'firm.complex': { ko: '산업단지', en: 'Industrial complex' },
  'firm.complex.placeholder': { ko: '예: 성서산업단지', en: 'e.g. Seongseo Industrial Complex' },
  'firm.site': { ko: '사업장', en: 'Site' },
  'firm.site.placeholder': { ko: '예: 대구 달서구 본사공장', en: 'e.g. Head-office plant, Dalseo-gu, Daegu' },
  'firm.consent.label': { ko: '익명 결과 공유에 동의', en: 'Consent to share anonymized results' },
  'firm.consent.body': {
    ko: '이름, 사업자번호, 위치 없이 점수와 업종·규모 구간만 지역 센터와 공유합니다. 언제든 철회할 수 있습니다.',
    en: 'Only scores and industry/size bands are shared with the regional centre — no name, number or location. You can withdraw at any time.',
  },
  'firm.consent.given': { ko: '{date}에 동의함', en: 'Consented on {date}' },
  'firm.consent.none': { ko: '동의하지 않음 — 이 기업의 결과는 내보내지 않습니다.', en: 'No consent — this firm’s results are never exported.' },
  'firm.save': { ko: '저장', en: 'Save' },
  'firm.delete': { ko: '기업 삭제', en: 'Delete firm' },
  'firm.delete.title': { ko: '기업을 삭제할까요?', en: 'Delete this firm?' },
  'firm.delete.body': { ko: '{firm}과 이 기업의 모든 평가, 답, 메모를 지웁니다.', en: 'This deletes {firm} with all its assessments, answers and notes.' },

  'answer.started': { ko: '{date} 시작', en: 'started {date}' },
  'answer.reassessment_of': { ko: '{date} 평가의 재진단', en: 're-assessment of {date}' },
  'answer.to_results': { ko: '결과 보기', en: 'See results' },
  'answer.dimensions': { ko: '영역', en: 'Areas' },
  'answer.dimension_of': { ko: '영역 {index} / {count}', en: 'Area {index} of {count}' },
  'answer.progress': { ko: '{total}문항 중 {answered}문항 답함', en: '{answered} of {total} questions answered' },
  'answer.progress.label': { ko: '전체 진행률', en: 'Overall progress' },
  'answer.completed': { ko: '완료된 평가입니다. 답을 고치려면 다시 여세요.', en: 'This assessment is completed. Reopen it to change answers.' },
  'answer.reopen': { ko: '다시 열기', en: 'Reopen' },
  'answer.save.idle': { ko: '답할 때마다 바로 저장됩니다', en: 'Every answer is saved at once' },
  'answer.save.saving': { ko: '저장 중…', en: 'Saving…' },
  'answer.save.saved': { ko: '저장됨 {time}', en: 'Saved {time}' },
  'answer.save.failed': { ko: '저장하지 못했습니다', en: 'Not saved' },
  'answer.save.failed_detail': { ko: '저장하지 못했습니다: {message}', en: 'Not saved: {message}' },
  'answer.saved_short': { ko: '저장됨', en: 'Saved' },
  'answer.keys.title': { ko: '키보드로 답하기', en: 'Answering with the keyboard' },
  'answer.keys.choose': { ko: '보기 선택', en: 'choose an option' },
  'answer.keys.consultant': { ko: '컨설턴트 평가 선택', en: 'choose the consultant’s rating' },
  'answer.keys.na': { ko: '해당 없음', en: 'not applicable' },
  'answer.keys.questions': { ko: '문항 이동', en: 'next / previous question' },
  'answer.keys.dimensions': { ko: '영역 이동', en: 'next / previous area' },
  'answer.keys.notes': { ko: '입력칸·메모로', en: 'to the answer field or note' },
  'answer.kind.multi': { ko: '해당하는 것을 모두 고르세요.', en: 'Choose all that apply.' },
  'answer.kind.grid': { ko: '행마다 하나씩 고르세요. 숫자 키는 다음 행을 채웁니다.', en: 'Choose one per row. Number keys fill the next row.' },
  'answer.kind.numeric': { ko: '{min}–{max} {unit} 사이의 숫자', en: 'A number from {min} to {max} {unit}' },
  'answer.kind.text': { ko: '자유롭게 적으세요. 점수에는 들어가지 않습니다.', en: 'Write freely. This does not affect the score.' },
  'answer.evidence': { ko: '수준별로 확인할 근거 자료 ({count})', en: 'Evidence expected per level ({count})' },
  'answer.rater.self': { ko: '기업 응답', en: 'Firm’s answer' },
  'answer.rater.consultant': { ko: '컨설턴트 평가', en: 'Consultant’s rating' },
  'answer.na': { ko: '해당 없음', en: 'Not applicable' },
  'answer.na_hint': { ko: '해당 없는 이유를 메모에 남겨 두면 결과를 읽는 사람이 이해하기 쉽습니다.', en: 'Note why it does not apply, so that readers of the result understand.' },
  'answer.grid.row': { ko: '항목', en: 'Item' },
  'answer.numeric.range_hint': { ko: '{min}–{max}', en: '{min}–{max}' },
  'answer.numeric.not_a_number': { ko: '숫자로 적어 주세요 (예: 40). 저장하지 않았습니다.', en: 'Enter a number (e.g. 40). Nothing was saved.' },
  'answer.numeric.out_of_range': { ko: '{min}에서 {max} {unit} 사이로 적어 주세요. 저장하지 않았습니다.', en: 'Enter a value from {min} to {max} {unit}. Nothing was saved.' },
  'answer.text.placeholder': { ko: '여기에 적으면 잠시 뒤 저장됩니다', en: 'Saved a moment after you stop typing' },
  'answer.note': { ko: '메모', en: 'Note' },
  'answer.note.placeholder': { ko: '판단 근거, 확인할 점', en: 'Why this answer, what to check' },
  'answer.evidence_given': { ko: '근거 자료', en: 'Evidence' },
  'answer.evidence.placeholder': { ko: '확인한 문서·화면, 예: 2026 사업계획서 p.12', en: 'Documents or screens seen, e.g. 2026 business plan p.12' },
  'answer.other_notes.self': { ko: '기업 메모:', en: 'Firm’s note:' },
  'answer.other_notes.consultant': { ko: '컨설턴트 메모:', en: 'Consultant’s note:' },
  'answer.previous': { ko: '지난 평가:', en: 'Last time:' },

  'results.title': { ko: '{questionnaire} 결과', en: '{questionnaire}: results' },
  'results.completed_on': { ko: '{date} 완료', en: 'completed {date}' },
  'results.back_to_answers': { ko: '답하러 돌아가기', en: 'Back to answers' },
  'results.view_answers': { ko: '답 보기', en: 'View answers' },
  'results.history': { ko: '이력·변화', en: 'History' },
  'results.complete': { ko: '평가 완료', en: 'Mark completed' },
  'results.reopen': { ko: '다시 열기', en: 'Reopen' },
  'results.complete.title': { ko: '평가를 완료할까요?', en: 'Mark this assessment completed?' },
  'results.complete.open': { ko: '아직 답하지 않은 문항이 {count}개 있습니다. 답하지 않은 문항은 점수를 낮추지 않지만 응답률이 낮아집니다.', en: '{count} question(s) are still open. They do not lower the score, but they lower the coverage.' },
  'results.complete.all': { ko: '모든 문항에 답했습니다.', en: 'Every question is answered.' },
  'results.complete.body': { ko: '완료한 평가는 답이 고정되고, 재진단의 기준이 됩니다. 필요하면 다시 열 수 있습니다.', en: 'A completed assessment keeps its answers and can be re-assessed later. You can reopen it if needed.' },
  'results.overall': { ko: '종합 결과', en: 'Overall' },
  'results.level': { ko: '수준', en: 'level' },
  'results.no_level': { ko: '아직 수준이 없습니다', en: 'No level yet' },
  'results.no_level.body': { ko: '문항에 답하면 수준과 점수가 나옵니다.', en: 'Answer questions to see a level and score.' },
  'results.scale': { ko: '수준 단계', en: 'The levels' },
  'results.coverage': { ko: '응답률', en: 'Coverage' },
  'results.answered': { ko: '진행률', en: 'Answered' },
  'results.rule': { ko: '종합 수준', en: 'Overall level' },
  'results.rule.mean_of_levels': { ko: '영역 수준의 가중 평균(내림)', en: 'weighted mean of area levels, rounded down' },
  'results.rule.thresholds': { ko: '종합 점수의 구간', en: 'bands of the overall score' },
  'results.radar.title': { ko: '영역별 수준', en: 'Level per area' },
  'results.dimensions.title': { ko: '영역별 결과와 그 이유', en: 'Each area and why' },
  'results.dimension.meta': {
    ko: '응답률 {coverage} · 답함 {answered} · 건너뜀 {skipped} · 해당 없음 {na} · 미응답 {open}',
    en: 'coverage {coverage} · answered {answered} · skipped {skipped} · N/A {na} · open {open}',
  },
  'results.dimension.none': { ko: '이 영역은 아직 답한 문항이 없습니다.', en: 'No question in this area is answered yet.' },
  'results.strongest': { ko: '점수를 올린 답', en: 'What counted most' },
  'results.weakest': { ko: '점수를 가장 많이 놓친 곳', en: 'Where most points were missed' },
  'results.points.gained': { ko: '+{points}점 (최대 {max})', en: '+{points} (of {max})' },
  'results.points.lost': { ko: '−{points}점', en: '−{points}' },
  'results.skipped': { ko: '건너뜀', en: 'skipped' },
  'results.gate.title': { ko: '수준 {level}의 필수 조건이 충족되지 않았습니다', en: 'The requirement for level {level} is not met' },
  'results.gate.body': {
    ko: '"{question}" 문항이 {required} 이상이어야 하는데 지금은 {actual}입니다. 점수로는 수준 {by_score}이지만 수준 {capped}에 머뭅니다.',
    en: '"{question}" must reach {required}; it is {actual}. The score alone gives level {by_score}, so the level is held at {capped}.',
  },
  'results.gate.status.unanswered': { ko: '미응답', en: 'not answered' },
  'results.gate.status.pending': { ko: '미응답', en: 'not answered' },
  'results.gate.status.skipped': { ko: '건너뜀(해당 기반 없음)', en: 'skipped (the basis is missing)' },
  'results.gate.status.not_applicable': { ko: '해당 없음', en: 'not applicable' },
  'results.gate.status.answered': { ko: '0%', en: '0%' },
  'results.gate.status.unscored': { ko: '점수 없음', en: 'not scored' },
  'results.disagreements.title': { ko: '기업과 컨설턴트의 평가가 크게 다른 문항', en: 'Where the firm and the consultant disagree' },
  'results.disagreements.body': { ko: '점수에는 컨설턴트 평가가 쓰였습니다. 근거 자료로 함께 확인해 보세요.', en: 'The consultant’s rating counted. Check the evidence together.' },
  'results.disagreements.question': { ko: '문항', en: 'Question' },
  'results.warnings.title': { ko: '알아 둘 점', en: 'Worth knowing' },
  'radar.label': { ko: '영역별 수준 방사형 그래프', en: 'Radar chart of the level per area' },
  'radar.current': { ko: '이번 평가', en: 'This assessment' },
  'radar.previous': { ko: '지난 평가 ({date})', en: 'Earlier ({date})' },

  'history.title': { ko: '이력·변화', en: 'History' },
  'history.eyebrow': { ko: '이력·변화', en: 'History' },
  'history.choose': { ko: '이력을 볼 기업을 고르세요.', en: 'Choose a firm to see its history.' },
  'history.count': { ko: '평가 {count}건', en: '{count} assessments' },
  'history.none.title': { ko: '아직 평가한 기업이 없습니다', en: 'No firm has been assessed yet' },
  'history.none.body': { ko: '평가를 두 번 이상 하면 그 사이의 변화를 여기서 비교합니다.', en: 'Once a firm is assessed twice, this compares the two.' },
  'history.timeline': { ko: '평가 이력', en: 'Assessments over time' },
  'history.before': { ko: '기준(T0)', en: 'Before (T0)' },
  'history.after': { ko: '비교(T1)', en: 'After (T1)' },
  'history.no_comparison.title': { ko: '비교할 평가가 아직 없습니다', en: 'Nothing to compare yet' },
  'history.no_comparison.body': { ko: '완료한 평가에서 "재진단"을 시작하면, 두 평가의 영역별 변화를 여기서 봅니다.', en: 'Start a re-assessment from a completed one to see the change per area here.' },
  'history.comparison.title': { ko: '{before} → {after} 변화', en: 'Change {before} → {after}' },
  'history.overall': { ko: '종합', en: 'Overall' },
  'history.overall.change': { ko: '점수 {score} · 수준 {level}', en: 'score {score} · level {level}' },
  'history.series.before': { ko: 'T0 ({date})', en: 'T0 ({date})' },
  'history.series.after': { ko: 'T1 ({date})', en: 'T1 ({date})' },
  'history.per_dimension': { ko: '영역별 점수 (○ T0 → ● T1)', en: 'Score per area (○ T0 → ● T1)' },
  'history.dimension': { ko: '영역', en: 'Area' },
  'history.score_change': { ko: '점수 변화', en: 'Score change' },
  'history.level_change': { ko: '수준 변화', en: 'Level change' },

  'plan.subtitle': { ko: '진단 결과에서 우선순위에 따라 개선 과제를 고릅니다.', en: 'Pick improvements from the results, in order of priority.' },
  'plan.coming.title': { ko: '개선 계획 화면은 계획 모듈과 함께 제공됩니다', en: 'The plan screen comes with the plan module' },
  'plan.coming.body': { ko: '그동안은 결과 화면의 "점수를 가장 많이 놓친 곳"에서 먼저 손볼 곳을 확인할 수 있습니다.', en: 'Meanwhile, "Where most points were missed" on the results screen shows where to start.' },
  'report.subtitle': { ko: '진단 결과를 PDF 보고서로 만듭니다.', en: 'Turn a result into a PDF report.' },
  'report.coming.title': { ko: '보고서 화면은 보고서 모듈과 함께 제공됩니다', en: 'The report screen comes with the report module' },
  'report.coming.body': { ko: '결과 화면의 방사형 그래프는 보고서와 같은 계산으로 그려집니다.', en: 'The radar chart on the results screen is laid out exactly as in the report.' },
  'centre.subtitle': { ko: '지역 센터가 동의한 기업의 익명 결과를 모아 봅니다.', en: 'Regional centres pool the anonymized results of consenting firms.' },
  'centre.coming.title': { ko: '센터 화면은 교환 모듈과 함께 제공됩니다', en: 'The centre screen comes with the exchange module' },
  'centre.coming.body': { ko: '기업별 동의는 지금도 기업 정보 화면에서 기록할 수 있습니다.', en: 'Each firm’s consent can already be recorded on its details screen.' },

  'settings.title': { ko: '설정', en: 'Settings' },
  'settings.subtitle': { ko: '화면 언어, 작업 공간 파일, 백업과 복원', en: 'Display language, the workspace file, backup and restore' },
  'settings.language.title': { ko: '화면 언어', en: 'Display language' },
  'settings.language.body': { ko: '문항과 보고서도 이 언어로 표시됩니다.', en: 'Questions and reports are shown in this language too.' },
  'settings.data.title': { ko: '작업 공간', en: 'Workspace' },
  'settings.data.body': {
    ko: '모든 기업과 평가는 이 컴퓨터의 파일 하나에 저장됩니다. 고객사별로 다른 파일을 쓸 수도 있습니다.',
    en: 'All firms and assessments are kept in one file on this computer. You can keep a separate file per client.',
  },
  'settings.backup.title': { ko: '백업과 복원', en: 'Backup and restore' },
  'settings.backup.body': {
    ko: '백업은 지금 작업 공간의 완전한 사본입니다. 복원하면 지금 내용은 같은 폴더에 사본으로 남습니다.',
    en: 'A backup is a complete copy of the workspace. Restoring keeps a copy of the current contents in the same folder.',
  },
  'settings.backup.action': { ko: '백업 파일 저장…', en: 'Save a backup…' },
  'settings.backup.done': { ko: '백업했습니다: {path}', en: 'Backup saved: {path}' },
  'settings.restore.action': { ko: '백업에서 복원…', en: 'Restore from a backup…' },
  'settings.restore.title': { ko: '백업으로 복원할까요?', en: 'Restore from this backup?' },
  'settings.restore.body': { ko: '작업 공간의 내용을 {path}의 내용으로 바꿉니다.', en: 'The workspace will hold the contents of {path}.' },
  'settings.restore.safe': { ko: '지금 내용은 지워지지 않고, 작업 공간 옆에 날짜가 붙은 사본으로 남습니다.', en: 'Nothing is lost: the current contents are kept beside the workspace in a dated copy.' },
  'settings.restore.confirm': { ko: '복원', en: 'Restore' },
  'settings.restore.done': { ko: '복원했습니다: 기업 {firms}곳, 평가 {assessments}건. 이전 내용의 사본: {copy}', en: 'Restored: {firms} firms, {assessments} assessments. The previous contents are in {copy}' },

  'workspace.open': { ko: '다른 작업 공간 열기…', en: 'Open another workspace…' },
  'workspace.create': { ko: '새 작업 공간 만들기…', en: 'Create a new workspace…' },
  'workspace.filter': { ko: 'Jindan 작업 공간', en: 'Jindan workspace' },
  'workspace.file': { ko: '파일:', en: 'File:' },
  'workspace.problem.title': { ko: '작업 공간을 열 수 없습니다', en: 'The workspace cannot be opened' },
  'workspace.locked.title': { ko: '작업 공간이 잠겨 있습니다', en: 'The workspace is locked' },
  'workspace.problem.detail': { ko: '자세한 내용', en: 'Details' },
  'workspace.problem.not_a_workspace': {
    ko: '이 파일은 Jindan 작업 공간이 아니거나 손상되었습니다. 파일은 그대로 두었습니다. 다른 작업 공간을 열거나 새로 만드세요.',
    en: 'This file is not a Jindan workspace, or it is damaged. It was left untouched. Open another workspace or create a new one.',
  },
  'workspace.problem.too_new': {
    ko: '이 작업 공간은 더 새로운 버전의 Jindan으로 저장되었습니다. Jindan을 업데이트하거나 다른 작업 공간을 여세요. 파일은 그대로 두었습니다.',
    en: 'This workspace was saved by a newer version of Jindan. Update Jindan or open another workspace. The file was left untouched.',
  },
  'workspace.problem.passphrase_required': {
    ko: '이 작업 공간은 암호로 보호되어 있습니다. 암호를 입력하면 열립니다.',
    en: 'This workspace is protected by a passphrase. Enter it to open the workspace.',
  },
  'workspace.problem.wrong_passphrase': {
    ko: '암호가 맞지 않습니다. 대소문자와 입력 언어(한/영)를 확인하고 다시 입력하세요.',
    en: 'The passphrase does not match. Check upper and lower case and the keyboard language, then try again.',
  },
  'workspace.unlock.label': { ko: '작업 공간 암호', en: 'Workspace passphrase' },
  'workspace.unlock.open': { ko: '열기', en: 'Open' },
  'workspace.problem.no_location': {
    ko: '이 컴퓨터에서 작업 공간을 둘 기본 폴더를 찾지 못했습니다. 작업 공간 파일을 직접 고르거나 만드세요.',
    en: 'There is no default folder for the workspace on this computer. Choose or create a workspace file.',
  },
  'workspace.problem.cannot_open': {
    ko: '작업 공간 파일을 열지 못했습니다. 파일이 있는 드라이브가 연결되어 있는지, 쓰기 권한이 있는지 확인하거나 다른 작업 공간을 여세요.',
    en: 'The workspace file could not be opened. Check that its drive is connected and writable, or open another workspace.',
  },
  'workspace.notice.remembered_missing': {
    ko: '지난번에 쓰던 작업 공간({path})을 찾을 수 없어 기본 작업 공간을 열었습니다. 드라이브를 연결한 뒤 설정에서 다시 여세요.',
    en: 'The workspace used last time ({path}) was not found, so the default one is open. Connect its drive and open it again in Settings.',
  },

  'error.bad_input': { ko: '입력한 내용을 확인해 주세요.', en: 'Please check what you entered.' },
  'error.not_found': { ko: '찾는 항목이 없습니다.', en: 'The item could not be found.' },
  'error.storage': { ko: '데이터를 읽거나 저장하지 못했습니다.', en: 'The data could not be read or saved.' },
  'error.internal': { ko: '예상하지 못한 문제가 생겼습니다.', en: 'Something unexpected went wrong.' },
  'error.no_tauri': {
    ko: '이 화면은 Jindan 앱 안에서만 동작합니다.',
    en: 'This screen only works inside the Jindan app.',
  },
  'error.dismiss': { ko: '닫기', en: 'Dismiss' },
};

const listeners = new Set();
let currentLanguage = readSavedLanguage();

function readSavedLanguage() {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // Storage can be unavailable (private mode, locked-down profile); Korean is the default.
  }
  return 'ko';
}

/** The current language code, "ko" or "en". */
export function language() {
  return currentLanguage;
}

/** The text for `key` in the current language; the key itself when it is missing, so gaps show. */
export function t(key) {
  const entry = dictionary[key];
  if (!entry) {
    console.warn(`i18n: no text for "${key}"`);
    return key;
  }
  return entry[currentLanguage] ?? entry.ko;
}

/** The text for `key` with `{name}` placeholders filled from `values`. */
export function format(key, values) {
  return t(key).replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

/** Picks the current language from a `{ ko, en }` text that came from the core. */
export function localized(text) {
  if (!text || typeof text !== 'object') return String(text ?? '');
  return text[currentLanguage] || text.ko || '';
}

/** Switches the language, remembers it and tells every listener. */
export function setLanguage(code) {
  if (!LANGUAGES.includes(code) || code === currentLanguage) return;
  currentLanguage = code;
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembering the choice is acceptable.
  }
  for (const listener of listeners) listener(code);
}

/** Calls `listener(code)` after every language change. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fills the static page: `data-i18n` sets the text, `data-i18n-aria-label` the accessible name. */
export function translateStaticText(root = document) {
  document.documentElement.lang = currentLanguage;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  }
}
