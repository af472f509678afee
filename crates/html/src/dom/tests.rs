use super::*;

/// A compact rendering of the tree: `name(children)`, text as `'…'`.
fn shape(dom: &Dom<'_>) -> String {
    let mut out = String::new();
    let mut closes: Vec<usize> = Vec::new();
    for i in 1..dom.len() {
        while closes.last().is_some_and(|&e| e <= i) {
            closes.pop();
            out.push(')');
        }
        match dom.node(i).kind {
            Kind::Element => {
                out.push_str(dom.name(i));
                out.push('(');
                closes.push(dom.node(i).end as usize);
            }
            _ => {
                out.push('\'');
                out.push_str(dom.raw_text(i).trim());
                out.push('\'');
            }
        }
    }
    for _ in closes {
        out.push(')');
    }
    out
}

fn parse_shape(html: &str) -> String {
    shape(&Dom::parse(html))
}

#[test]
fn nests_and_closes() {
    assert_eq!(
        parse_shape("<div><p>a</p><p>b</p></div>"),
        "div(p('a')p('b'))"
    );
}

#[test]
fn implied_p_and_li_ends() {
    assert_eq!(parse_shape("<p>a<p>b<div>c</div>"), "p('a')p('b')div('c')");
    assert_eq!(
        parse_shape("<ul><li>a<li>b<ul><li>c</ul></ul>"),
        "ul(li('a')li('b'ul(li('c'))))"
    );
}

#[test]
fn stray_end_tags_are_ignored_and_mismatches_recover() {
    assert_eq!(parse_shape("<div>a</span>b</div>c"), "div('a''b')'c'");
    assert_eq!(parse_shape("<div><span>a</div>b"), "div(span('a'))'b'");
    assert_eq!(parse_shape("<DIV>a</div>"), "div('a')");
}

#[test]
fn table_cells_stop_stray_end_tags() {
    assert_eq!(
        parse_shape("<div><table><tr><td>a</div>b<td>c</table>d</div>"),
        "div(table(tr(td('a''b')td('c')))'d')"
    );
}

#[test]
fn script_content_is_raw() {
    let dom = Dom::parse("<script>if (a<b) { x = '</div>'; }</script><p>t</p>");
    assert_eq!(shape(&dom), "script('if (a<b) { x = '</div>'; }')p('t')");
}

#[test]
fn attributes_are_read() {
    let dom = Dom::parse("<a href=\"/x?a=1&amp;b=2\" class='big link' data-x=y disabled>t</a>");
    assert_eq!(dom.attr(1, "HREF").as_deref(), Some("/x?a=1&b=2"));
    assert_eq!(dom.attr(1, "class").as_deref(), Some("big link"));
    assert_eq!(dom.attr(1, "data-x").as_deref(), Some("y"));
    assert_eq!(dom.attr(1, "disabled").as_deref(), Some(""));
    assert_eq!(dom.attr(1, "missing"), None);
}

#[test]
fn quoted_gt_does_not_end_a_tag() {
    assert_eq!(parse_shape("<a title=\"a > b\">x</a>"), "a('x')");
}

#[test]
fn head_closes_on_body_content() {
    assert_eq!(
        parse_shape("<html><head><title>T</title><div>x</div></html>"),
        "html(head(title('T'))div('x'))"
    );
}

#[test]
fn void_and_self_closing() {
    assert_eq!(
        parse_shape("<p>a<br>b<img src=x>c</p>"),
        "p('a'br()'b'img()'c')"
    );
    assert_eq!(
        parse_shape("<svg><path d='1'/><g/></svg><p>x</p>"),
        "svg(path()g())p('x')"
    );
}

#[test]
fn comments_and_doctype_are_dropped() {
    assert_eq!(
        parse_shape("<!DOCTYPE html><!-- <p>no</p> --><p>yes</p>"),
        "p('yes')"
    );
}

#[test]
fn deep_nesting_is_fine() {
    let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    let dom = Dom::parse(&html);
    assert_eq!(dom.len(), 100_002);
    assert_eq!(dom.text(ROOT), "deep");
}

#[test]
fn text_decodes_and_folds() {
    let dom = Dom::parse("<p>caf&eacute;\n  <b>au</b>   lait<script>x</script></p>");
    assert_eq!(dom.text(ROOT), "café au lait");
}
