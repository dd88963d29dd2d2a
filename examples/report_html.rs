//! Writes the content of an assessment report as one HTML page, for comparing Jindan's PDF
//! writer with printing HTML to PDF in a browser (`scripts/report-bench.sh`). The page holds the
//! same sections, texts, tables and charts as the PDF: the texts come from the same `texts` and
//! `narrative` functions and the radar chart from the same `radar_geometry`.
//!
//! Usage: cargo run --release --example report_html -- WORKSPACE.db ASSESSMENT ko|en OUT.html

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, Utc};
use jindan::answers::AnswerValue;
use jindan::i18n::Lang;
use jindan::plan::Phase;
use jindan::questionnaire::{Question, QuestionKind};
use jindan::report::chart::{LabelHorizontalAlignment, LabelVerticalAlignment};
use jindan::report::narrative::{dimensions_by_score, summary_paragraphs};
use jindan::report::texts::{cost_range_text, day_text, level_label, months_text, percent_text, report_texts, score_text, signed_change_text};
use jindan::report::{ReportOptions, gather_report_input, radar_geometry, report_stamp};
use jindan::store::Store;
use jindan::store::actions::assessment_moment;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn value_text(question: &Question, value: &AnswerValue, lang: Lang) -> String {
    match (&question.kind, value) {
        (QuestionKind::Single { options }, AnswerValue::Choice(id)) => options.iter().find(|o| &o.id == id).map_or_else(|| id.clone(), |o| o.label.get(lang).to_string()),
        (QuestionKind::Multi { options, .. }, AnswerValue::Choices(ids)) => {
            options.iter().filter(|o| ids.contains(&o.id)).map(|o| o.label.get(lang)).collect::<Vec<_>>().join(", ")
        }
        (QuestionKind::Grid { rows, scale }, AnswerValue::Grid(given)) => rows
            .iter()
            .filter_map(|row| {
                let step = given.get(&row.id)?;
                Some(format!("{}: {}", row.label.get(lang), scale.iter().find(|s| &s.id == step).map_or(step.as_str(), |s| s.label.get(lang))))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, AnswerValue::Number(n)) => n.to_string(),
        (_, AnswerValue::Text(t)) => t.clone(),
        (_, AnswerValue::NotApplicable) => report_texts(lang).status_not_applicable.to_string(),
        (_, other) => other.to_json().to_string(),
    }
}

fn radar_svg(out: &mut String, axis_labels: &[String], series: &[(Vec<f64>, &str, &str)]) {
    let values: Vec<&[f64]> = series.iter().map(|s| s.0.as_slice()).collect();
    let Ok(g) = radar_geometry(axis_labels.len(), &values, 300.0) else { return };
    let v = g.view_box;
    let _ = write!(out, r#"<svg class="radar" viewBox="{} {} {} {}" width="{}" height="{}">"#, v.min_x, v.min_y, v.width, v.height, v.width * 1.1, v.height * 1.1);
    let points = |ps: &[jindan::report::chart::RadarPoint]| ps.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect::<Vec<_>>().join(" ");
    for ring in &g.rings {
        let _ = write!(out, r##"<polygon points="{}" fill="none" stroke="#cfd5dd" stroke-width="0.7"/>"##, points(&ring.points));
    }
    for axis in &g.axes {
        let _ = write!(out, r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#cfd5dd" stroke-width="0.7"/>"##, g.center.x, g.center.y, axis.end.x, axis.end.y);
    }
    for (geometry, (_, fill, stroke)) in g.series.iter().zip(series).rev() {
        let _ = write!(out, r#"<polygon points="{}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"#, points(&geometry.points));
    }
    for (axis, label) in g.axes.iter().zip(axis_labels) {
        let anchor = match axis.label_horizontal_alignment {
            LabelHorizontalAlignment::Start => "start",
            LabelHorizontalAlignment::Middle => "middle",
            LabelHorizontalAlignment::End => "end",
        };
        let baseline = match axis.label_vertical_alignment {
            LabelVerticalAlignment::Top => "hanging",
            LabelVerticalAlignment::Middle => "middle",
            LabelVerticalAlignment::Bottom => "auto",
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" dominant-baseline="{baseline}" font-size="11">{}</text>"#,
            axis.label_anchor.x,
            axis.label_anchor.y,
            escape(label)
        );
    }
    out.push_str("</svg>");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, assessment, lang, out_path] = args.as_slice() else {
        return Err("usage: report_html WORKSPACE.db ASSESSMENT ko|en OUT.html".into());
    };
    let lang = Lang::parse(lang).ok_or("language: ko or en")?;
    let now: DateTime<Utc> = std::env::var("JINDAN_NOW").ok().and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    let created = now.with_timezone(&FixedOffset::east_opt(9 * 3600).ok_or("offset")?);
    let mut store = Store::open(std::path::Path::new(db))?;
    let input = gather_report_input(&mut store, assessment.parse()?, created.date_naive(), &ReportOptions::default())?;
    let texts = report_texts(lang);
    let q = &input.questionnaire;
    let stamp = report_stamp(&input);
    let font_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");

    let mut out = String::with_capacity(512 * 1024);
    let _ = write!(
        out,
        r#"<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{} — {}</title><style>
@font-face {{ font-family: "NanumGothic"; src: url("file://{fonts}/NanumGothic.ttf"); font-weight: 400; }}
@font-face {{ font-family: "NanumGothic"; src: url("file://{fonts}/NanumGothicBold.ttf"); font-weight: 700; }}
@page {{ size: A4; margin: 20mm 20mm 22mm 20mm; }}
body {{ font-family: "NanumGothic"; font-size: 10pt; line-height: 1.6; color: #1f2933; word-break: keep-all; }}
h1 {{ color: #1f3f77; font-size: 17pt; border-bottom: 1pt solid #1f3f77; break-before: page; }}
h2 {{ color: #1f3f77; font-size: 13pt; break-after: avoid; }} h3 {{ font-size: 11pt; break-after: avoid; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9pt; margin: 2mm 0 4mm; }}
th {{ background: #e6edf7; color: #1f3f77; text-align: left; padding: 1.6mm 2mm; border-bottom: 0.8pt solid #1f3f77; }}
td {{ padding: 1.6mm 2mm; border-bottom: 0.5pt solid #cfd5dd; vertical-align: top; }}
tr {{ break-inside: avoid; }} .badge {{ display: inline-block; background: #4a7bc0; color: white; border-radius: 1.6mm; padding: 1mm 3mm; font-weight: 700; }}
.secondary {{ color: #6b7280; font-size: 8.5pt; }} .bar {{ background: #eef1f5; height: 3.4mm; border-radius: 1.7mm; }} .fill {{ background: #2d5da6; height: 100%; border-radius: 1.7mm; }}
.radar {{ display: block; margin: 0 auto; }} .cover h1 {{ break-before: auto; border: none; font-size: 26pt; color: #1f2933; }}
</style></head><body>"#,
        lang.code(),
        escape(texts.document_title),
        escape(&input.organization.name),
        fonts = font_dir.display()
    );

    // Cover.
    let firm = &input.organization;
    let _ = write!(out, r#"<section class="cover"><p style="color:#1f3f77;font-weight:700;font-size:14pt">{}</p><h1>{}</h1>"#, escape(texts.document_title), escape(&firm.name));
    let overall = &input.scores.overall;
    let _ = write!(out, r#"<p><span class="badge">{}</span> {} · {}</p>"#, overall.level.map_or_else(String::new, |l| level_label(l, lang)), overall.level.map_or("", |l| q.level_name(l, lang)), score_text(overall.score, lang));
    let cover_rows = vec![
        vec![texts.cover_business_number.to_string(), firm.business_number.clone().unwrap_or_default()],
        vec![texts.cover_assessment_date.to_string(), day_text(assessment_moment(&input.assessment))],
        vec![texts.cover_assessor.to_string(), input.assessment.assessor.clone().unwrap_or_default()],
        vec![texts.cover_questionnaire.to_string(), q.title.get(lang).to_string()],
        vec![texts.cover_questionnaire_version.to_string(), q.reference()],
        vec![texts.cover_report_date.to_string(), created.format("%Y-%m-%d").to_string()],
    ];
    table(&mut out, &["", ""], &cover_rows);
    let _ = write!(out, r#"<p class="secondary">{} · {} {}</p></section>"#, escape(texts.cover_fingerprint_note), texts.footer_fingerprint, stamp.fingerprint.short());

    // 1. Summary with the radar chart.
    let _ = write!(out, "<h1>{}</h1>", escape(texts.summary_heading));
    let axis_labels: Vec<String> = q.dimensions.iter().map(|d| d.name.get(lang).to_string()).collect();
    let level_of = |scores: &jindan::scoring::Scores, id: &str| f64::from(scores.dimension(id).and_then(|d| d.level).unwrap_or(0));
    let mut series = vec![(q.dimensions.iter().map(|d| level_of(&input.scores, &d.id)).collect::<Vec<_>>(), "rgba(31,63,119,0.22)", "#1f3f77")];
    if let Some(previous) = &input.previous {
        series.push((q.dimensions.iter().map(|d| level_of(&previous.scores, &d.id)).collect(), "none", "#7c8693"));
    }
    radar_svg(&mut out, &axis_labels, &series);
    let ranked = dimensions_by_score(&input);
    let listed = |ds: Vec<&jindan::scoring::DimensionScore>| ds.iter().map(|d| format!("{} {}", d.name.get(lang), score_text(d.score, lang))).collect::<Vec<_>>().join(" · ");
    let _ = write!(out, "<p><b>{}</b> {}<br><b>{}</b> {}</p>", texts.strongest_column, escape(&listed(ranked.iter().take(3).copied().collect())), texts.weakest_column, escape(&listed(ranked.iter().rev().take(3).copied().collect())));
    for paragraph in summary_paragraphs(&input, lang) {
        let _ = write!(out, "<p>{}</p>", escape(&paragraph));
    }

    // 2. Results.
    let _ = write!(out, "<h1>{}</h1>", escape(texts.results_heading));
    let rows: Vec<Vec<String>> = input
        .scores
        .dimensions
        .iter()
        .map(|d| {
            vec![
                d.name.get(lang).to_string(),
                score_text(d.score, lang),
                d.level.map_or_else(String::new, |l| format!("{l} · {}", q.level_name(l, lang))),
                percent_text(d.coverage),
                d.capped_by.as_ref().map_or_else(|| "—".to_string(), |c| level_label(c.gate_level, lang)),
            ]
        })
        .collect();
    table(&mut out, &[texts.dimension_column, texts.score_column, texts.level_column, texts.coverage_column, texts.gate_column], &rows);
    let _ = write!(out, "<h2>{}</h2>", escape(texts.score_bars_heading));
    for d in &input.scores.dimensions {
        let _ = write!(out, r#"<div style="display:flex;gap:3mm;align-items:center"><span style="width:48mm">{}</span><div class="bar" style="flex:1"><div class="fill" style="width:{:.1}%"></div></div><b>{}</b></div>"#, escape(d.name.get(lang)), d.score.unwrap_or(0.0), score_text(d.score, lang));
    }

    // 3. Details.
    let _ = write!(out, "<h1>{}</h1><p>{}</p>", escape(texts.details_heading), escape(texts.details_intro));
    for (index, dimension) in q.dimensions.iter().enumerate() {
        let Some(result) = input.scores.dimension(&dimension.id) else { continue };
        let _ = write!(out, "<h2>3.{} {}</h2>", index + 1, escape(dimension.name.get(lang)));
        if let Some(level) = result.level {
            let _ = write!(out, r#"<p><span class="badge">{}</span> {}</p><p>{}</p>"#, level_label(level, lang), escape(q.level_name(level, lang)), escape(dimension.level_descriptions[usize::from(level)].get(lang)));
        }
        let rows: Vec<Vec<String>> = q
            .questions_of(&dimension.id)
            .map(|question| {
                let item = input.scores.item(&question.id);
                let mut answer = input.answers.value(&question.id).map_or_else(|| texts.status_unanswered.to_string(), |v| value_text(question, v, lang));
                if let Some(a) = input.answers.answers.get(&question.id) {
                    for (prefix, text) in [(texts.note_prefix, &a.note), (texts.evidence_prefix, &a.evidence)] {
                        if let Some(t) = text {
                            let _ = write!(answer, "\n{prefix}: {t}");
                        }
                    }
                }
                vec![question.text.get(lang).to_string(), answer, item.and_then(|i| i.score).map_or_else(|| "—".to_string(), percent_text)]
            })
            .collect();
        let _ = write!(out, "<h3>{}</h3>", escape(texts.answers_heading));
        table(&mut out, &[texts.question_column, texts.answer_column, texts.item_score_column], &rows);
    }

    // 4. Roadmap.
    let _ = write!(out, "<h1>{}</h1>", escape(texts.roadmap_heading));
    if let Some(plan) = &input.plan {
        let _ = write!(out, "<h2>{}</h2><table><thead><tr><th></th>", escape(texts.timeline_heading));
        for phase in Phase::ALL {
            let _ = write!(out, "<th>{}</th>", escape(phase.name(lang)));
        }
        out.push_str("</tr></thead><tbody>");
        for s in &plan.steps {
            let column = Phase::ALL.iter().position(|p| *p == s.phase).unwrap_or(0);
            let _ = write!(out, "<tr><td>{}. {}</td>", s.order, escape(s.title.get(lang)));
            for c in 0..3 {
                let _ = write!(out, "<td>{}</td>", if c == column { r#"<div class="bar"><div class="fill" style="width:100%"></div></div>"# } else { "" });
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        let rows: Vec<Vec<String>> = plan
            .steps
            .iter()
            .map(|s| {
                vec![
                    s.order.to_string(),
                    format!("{}\n{}", s.title.get(lang), s.dimension),
                    cost_range_text(s.cost_won, lang),
                    months_text(s.duration_months, lang),
                    s.programmes.iter().map(|p| p.name.get(lang)).collect::<Vec<_>>().join("\n"),
                ]
            })
            .collect();
        let _ = write!(out, "<h2>{}</h2>", escape(texts.action_table_heading));
        table(&mut out, &["#", texts.step_column, texts.cost_column, texts.duration_column, texts.programmes_column], &rows);
        let rows: Vec<Vec<String>> = plan.investment.by_phase.iter().map(|c| vec![c.phase.name(lang).to_string(), c.steps.to_string(), cost_range_text(c.cost_won, lang)]).collect();
        let _ = write!(out, "<h2>{}</h2>", escape(texts.investment_heading));
        table(&mut out, &[texts.investment_part_column, texts.investment_steps_column, texts.investment_cost_column], &rows);
    }

    // 5. Progress.
    if let Some(previous) = &input.previous {
        let _ = write!(out, "<h1>{}</h1>", escape(texts.progress_heading));
        let rows: Vec<Vec<String>> = previous
            .progress
            .dimensions
            .iter()
            .map(|d| vec![d.name.get(lang).to_string(), score_text(d.delta.before_score, lang), score_text(d.delta.after_score, lang), d.delta.score_change.map_or_else(String::new, signed_change_text)])
            .collect();
        table(&mut out, &[texts.dimension_column, texts.before_column, texts.after_column, texts.score_change_column], &rows);
    }

    // Appendix.
    let _ = write!(out, "<h1>{}</h1>", escape(texts.method_heading));
    for paragraph in [texts.method_item_score, texts.method_ratings, texts.method_skip_logic, texts.method_dimension_score, texts.method_level, texts.method_coverage, texts.method_plan, texts.method_costs, texts.method_fingerprint] {
        let _ = write!(out, "<p>{}</p>", escape(paragraph));
    }
    let _ = write!(out, "<p class=\"secondary\">{} {}</p></body></html>", texts.fingerprint_label, stamp.fingerprint.full);
    std::fs::write(out_path, out)?;
    Ok(())
}
