//! One pass over the parsed page: every element once, in document order,
//! giving the element table and the text blocks (paragraph-sized runs of text)
//! that the scoring works on.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::hints::{self, Role};

/// One element of the page that was not skipped.
#[derive(Debug, Clone)]
pub(crate) struct Element<'a> {
    pub parent: Option<usize>,
    /// One past the index of the last element of this element's subtree
    /// (elements are numbered in document order, so the subtree is `self..end`).
    pub end: usize,
    pub tag: &'a str,
    pub class_weight: f32,
    /// Characters of text in the subtree, and how many of them are link text.
    pub chars: usize,
    pub link_chars: usize,
    pub commas: usize,
}

/// A run of text between two block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The innermost element holding the text.
    pub owner: usize,
    pub text: String,
    pub chars: usize,
    pub link_chars: usize,
    pub commas: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Walk<'a> {
    pub elements: Vec<Element<'a>>,
    pub blocks: Vec<Block>,
}

/// Text being collected for the innermost open block element.
struct Open {
    element: usize,
    text: String,
    chars: usize,
    link_chars: usize,
    pending_space: bool,
    /// `<br>`s since the last text: one is a line wrap, two end the paragraph.
    breaks: u8,
}

/// Upper bound on the elements examined, so that a giant page finishes in
/// bounded time; articles sit well within it.
const MAX_ELEMENTS: usize = 400_000;

/// Walk the page. `strict` turns the furniture heuristics on (tag, role,
/// class and id; see [`hints::Reader`]).
pub(crate) fn walk(document: &Html, strict: bool) -> Walk<'_> {
    let mut out = Walk::default();
    // Element index for every open tree node that was kept (None for skipped
    // or inline ones, so closing knows what to do).
    let mut stack: Vec<Option<usize>> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut skipping: usize = 0;
    let mut in_link: usize = 0;
    let mut hints = hints::Reader::default();
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Node::Element(element) = node.value() else {
                    if let (Node::Text(text), 0, Some(current)) =
                        (node.value(), skipping, open.last_mut())
                    {
                        if current.breaks >= 2 && !text.trim().is_empty() {
                            flush(current, &mut out);
                        }
                        push_text(current, text, in_link > 0);
                    }
                    continue;
                };
                if skipping > 0 {
                    skipping += 1;
                    stack.push(None);
                    continue;
                }
                if out.elements.len() >= MAX_ELEMENTS {
                    skipping = 1;
                    stack.push(None);
                    continue;
                }
                let hints = hints.read(element, strict);
                match hints.role {
                    Role::Skip => {
                        skipping = 1;
                        stack.push(None);
                        continue;
                    }
                    Role::Break => {
                        if let Some(current) = open.last_mut() {
                            current.pending_space = true;
                            current.breaks = current.breaks.saturating_add(1);
                        }
                        stack.push(None);
                        continue;
                    }
                    Role::Inline | Role::Block => {}
                }
                if element.name() == "a" {
                    in_link += 1;
                }
                let index = out.elements.len();
                out.elements.push(Element {
                    parent: stack.iter().rev().find_map(|e| *e),
                    end: index + 1,
                    tag: element.name(),
                    class_weight: hints.class_weight,
                    chars: 0,
                    link_chars: 0,
                    commas: 0,
                });
                if hints.role == Role::Block {
                    if let Some(current) = open.last_mut() {
                        flush(current, &mut out);
                    }
                    open.push(Open {
                        element: index,
                        text: String::new(),
                        chars: 0,
                        link_chars: 0,
                        pending_space: false,
                        breaks: 0,
                    });
                }
                stack.push(Some(index));
            }
            Edge::Close(node) => {
                let Node::Element(element) = node.value() else {
                    continue;
                };
                let Some(entry) = stack.pop() else { continue };
                if element.name() == "a" && skipping == 0 {
                    in_link = in_link.saturating_sub(1);
                }
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                let Some(index) = entry else { continue };
                if open.last().is_some_and(|o| o.element == index)
                    && let Some(mut current) = open.pop()
                {
                    flush(&mut current, &mut out);
                }
                close(&mut out.elements, index);
            }
        }
    }
    out
}

/// Finish an element: its subtree ends here and its totals go to its parent.
fn close(elements: &mut [Element], index: usize) {
    let len = elements.len();
    let Some(element) = elements.get_mut(index) else {
        return;
    };
    element.end = len;
    let (chars, link_chars, commas, parent) = (
        element.chars,
        element.link_chars,
        element.commas,
        element.parent,
    );
    if let Some(parent) = parent.and_then(|p| elements.get_mut(p)) {
        parent.chars += chars;
        parent.link_chars += link_chars;
        parent.commas += commas;
    }
}

/// Characters that render as nothing: soft hyphens and zero-width marks
/// would otherwise split words in the text.
const INVISIBLE: &[char] = &['\u{00AD}', '\u{200B}', '\u{2060}', '\u{FEFF}'];

/// Append a text node with whitespace collapsed (a single space between words,
/// none at the start).
fn push_text(open: &mut Open, text: &str, in_link: bool) {
    for c in text.chars() {
        if INVISIBLE.contains(&c) {
            continue;
        }
        if c.is_whitespace() {
            open.pending_space = true;
            continue;
        }
        open.breaks = 0;
        if open.pending_space && !open.text.is_empty() {
            open.text.push(' ');
            open.chars += 1;
        }
        open.pending_space = false;
        open.text.push(c);
        open.chars += 1;
        if in_link {
            open.link_chars += 1;
        }
    }
}

/// End the current paragraph of `open` (if it has text) as a block.
fn flush(open: &mut Open, out: &mut Walk) {
    open.pending_space = false;
    open.breaks = 0;
    if open.text.is_empty() {
        return;
    }
    let text = std::mem::take(&mut open.text);
    let commas = text
        .chars()
        .filter(|c| matches!(c, ',' | '،' | '，' | '、'))
        .count();
    if let Some(element) = out.elements.get_mut(open.element) {
        element.chars += open.chars;
        element.link_chars += open.link_chars;
        element.commas += commas;
    }
    out.blocks.push(Block {
        owner: open.element,
        text,
        chars: open.chars,
        link_chars: open.link_chars,
        commas,
    });
    open.chars = 0;
    open.link_chars = 0;
}
