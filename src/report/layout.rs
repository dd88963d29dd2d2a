//! Line breaking for report text.
//!
//! Korean is written with spaces between words (어절), so lines break at spaces exactly as in
//! English and a Korean word is never split. A single word wider than the whole line is broken
//! after a hyphen, slash or middle dot (·) inside it, and only when it has none of those that fit,
//! between characters, because there is no other way to fit it.

use crate::report::fonts::ReportFont;

/// Breaks `text` into lines no wider than `max_width_pt` when set in `font` at `size_pt`.
///
/// Each '\n' starts a new line and an empty line stays an empty entry, so a blank line between
/// paragraphs survives. Runs of spaces between words collapse to one space, and spaces at the
/// start and end of a line are dropped. An empty text gives no lines. Every returned line holds
/// at least one character, even when `max_width_pt` is narrower than that character.
pub fn wrap_text(text: &str, font: &ReportFont, size_pt: f32, max_width_pt: f32) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let space_width_pt = font.text_width_pt(" ", size_pt);
    let mut lines = Vec::new();
    for source_line in text.split('\n') {
        let source_line = source_line.strip_suffix('\r').unwrap_or(source_line);
        let mut current_line = String::new();
        let mut current_width_pt = 0.0_f32;
        for word in source_line
            .split([' ', '\t'])
            .filter(|word| !word.is_empty())
        {
            let word_width_pt = font.text_width_pt(word, size_pt);
            if !current_line.is_empty() {
                if current_width_pt + space_width_pt + word_width_pt <= max_width_pt {
                    current_line.push(' ');
                    current_line.push_str(word);
                    current_width_pt += space_width_pt + word_width_pt;
                    continue;
                }
                lines.push(std::mem::take(&mut current_line));
            }
            if word_width_pt <= max_width_pt {
                current_line.push_str(word);
                current_width_pt = word_width_pt;
            } else {
                current_width_pt = break_long_word(
                    word,
                    font,
                    size_pt,
                    max_width_pt,
                    &mut lines,
                    &mut current_line,
                );
            }
        }
        lines.push(current_line);
    }
    lines
}

/// Splits a word wider than the line: after its last hyphen, slash or middle dot (·) that fits, so
/// that "digital-transformation" breaks as "digital-" and "transformation" and "수집·품질·거버넌스"
/// as "수집·품질·" and "거버넌스", and otherwise between
/// characters. Full lines go to `lines`, and the last piece is left in `current_line` (which
/// must be empty on entry) so that the next word can follow it. Returns the width of that last
/// piece.
fn break_long_word(
    word: &str,
    font: &ReportFont,
    size_pt: f32,
    max_width_pt: f32,
    lines: &mut Vec<String>,
    current_line: &mut String,
) -> f32 {
    let mut piece_width_pt = 0.0_f32;
    for ch in word.chars() {
        let char_width_pt = font.advance_em(ch) * size_pt;
        if !current_line.is_empty() && piece_width_pt + char_width_pt > max_width_pt {
            let break_after = current_line
                .char_indices()
                .filter(|&(_, c)| matches!(c, '-' | '/' | '·'))
                .map(|(index, c)| index + c.len_utf8())
                .next_back()
                .filter(|&end| {
                    // The part after the hyphen moves down with this character; it must fit.
                    end < current_line.len()
                        && font.text_width_pt(&current_line[end..], size_pt) + char_width_pt
                            <= max_width_pt
                });
            match break_after {
                Some(end) => {
                    let carried = current_line.split_off(end);
                    lines.push(std::mem::replace(current_line, carried));
                    piece_width_pt = font.text_width_pt(current_line, size_pt);
                }
                None => {
                    lines.push(std::mem::take(current_line));
                    piece_width_pt = 0.0;
                }
            }
        }
        current_line.push(ch);
        piece_width_pt += char_width_pt;
    }
    piece_width_pt
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::{FontWeight, report_font};

    fn regular() -> &'static ReportFont {
        report_font(FontWeight::Regular).unwrap()
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(wrap_text("", regular(), 10.0, 100.0).is_empty());
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(
            wrap_text("스마트 공장", regular(), 10.0, 200.0),
            vec!["스마트 공장"]
        );
    }

    #[test]
    fn korean_breaks_at_spaces_and_keeps_words_whole() {
        let font = regular();
        let text = "생산 현장의 데이터를 실시간으로 수집하고 분석하여 의사결정에 활용합니다";
        let max_width_pt = font.text_width_pt("생산 현장의 데이터를", 10.0) + 1.0;
        let lines = wrap_text(text, font, 10.0, max_width_pt);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines[0], "생산 현장의 데이터를");
        for line in &lines {
            assert!(
                font.text_width_pt(line, 10.0) <= max_width_pt,
                "{line} is too wide"
            );
        }
        let words_in: Vec<&str> = text.split(' ').collect();
        let words_out: Vec<String> = lines
            .iter()
            .flat_map(|line| line.split(' ').map(str::to_owned))
            .collect();
        assert_eq!(words_in, words_out, "a word was split or lost");
    }

    #[test]
    fn mixed_korean_and_english_breaks_at_spaces() {
        let font = regular();
        let text = "MES 도입 후 OEE (Overall Equipment Effectiveness) 지표를 매일 확인합니다";
        let max_width_pt = 120.0;
        let lines = wrap_text(text, font, 10.0, max_width_pt);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(
                font.text_width_pt(line, 10.0) <= max_width_pt,
                "{line} is too wide"
            );
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_characters() {
        let font = regular();
        let long_word = "제조실행시스템데이터통합플랫폼";
        let max_width_pt = font.text_width_pt("제조실행시스템", 10.0) + 0.5;
        let lines = wrap_text(&format!("{long_word} 구축 완료"), font, 10.0, max_width_pt);
        assert_eq!(
            lines,
            vec!["제조실행시스템", "데이터통합플랫", "폼 구축 완료"]
        );
        for line in &lines {
            assert!(
                font.text_width_pt(line, 10.0) <= max_width_pt,
                "{line} is too wide"
            );
        }
    }

    #[test]
    fn a_long_hyphenated_word_breaks_after_a_hyphen() {
        let font = regular();
        let max_width_pt = font.text_width_pt("Industrial-comp", 9.0);
        let lines = wrap_text("Industrial-complex digital-transformation", font, 9.0, max_width_pt);
        assert_eq!(lines[0], "Industrial-");
        assert!(lines.iter().all(|line| font.text_width_pt(line, 9.0) <= max_width_pt), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "Industrial-complexdigital-transformation");
        assert!(lines.contains(&"digital-".to_string()) || lines.iter().any(|l| l.ends_with("digital-")), "{lines:?}");
    }

    #[test]
    fn a_long_korean_compound_breaks_after_a_middle_dot_not_inside_a_word() {
        let font = regular();
        let max_width_pt = font.text_width_pt("수집·품질·거버", 9.0);
        let lines = wrap_text("데이터 수집·품질·거버넌스", font, 9.0, max_width_pt);
        assert_eq!(lines, ["데이터", "수집·품질·", "거버넌스"]);
    }

    #[test]
    fn explicit_newlines_start_new_lines_and_blank_lines_are_kept() {
        let lines = wrap_text("첫째 줄\n둘째 줄\r\n\n넷째 줄\n", regular(), 10.0, 300.0);
        assert_eq!(lines, vec!["첫째 줄", "둘째 줄", "", "넷째 줄", ""]);
    }

    #[test]
    fn runs_of_spaces_collapse_and_edges_are_trimmed() {
        let lines = wrap_text("  품질   관리  ", regular(), 10.0, 300.0);
        assert_eq!(lines, vec!["품질 관리"]);
    }

    #[test]
    fn a_line_narrower_than_one_character_still_makes_progress() {
        let lines = wrap_text("가나다", regular(), 10.0, 1.0);
        assert_eq!(lines, vec!["가", "나", "다"]);
    }
}
