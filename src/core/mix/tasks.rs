//! The task list: `name:count[:seq]` entries, their table cells, and the checks of each row.

use super::*;
use crate::core::error::{ErrorKind, InputError, Syntax};
use crate::core::units::{parse_count, parse_positive};

/// One task: a name, its number of examples and optionally its mean tokens per example.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Non-empty, unique within the list, without `:` or `,`.
    pub name: String,
    /// Number of examples, ≥ 1.
    pub examples: u64,
    /// Mean tokens per example (`seq`), for token shares.
    pub seq: Option<f64>,
}

/// Which cell of a task row is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskColumn {
    /// The name.
    Name,
    /// The number of examples.
    Count,
    /// The tokens per example.
    Seq,
    /// The row as a whole (wrong number of `:`-separated parts, or past [`MAX_TASKS`]).
    Row,
}

/// What is wrong with one task row; the error's field is `tasks`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskError {
    /// The cell at fault.
    pub column: TaskColumn,
    /// The error (field `tasks`).
    pub error: InputError,
}

impl TaskError {
    fn new(column: TaskColumn, kind: ErrorKind) -> Self {
        Self {
            column,
            error: InputError::new(FIELD_TASKS, kind),
        }
    }
}

/// A row of the task table: a task or what is wrong with it.
pub type TaskRow = Result<Task, TaskError>;

/// Validates one row from its three cells as typed in the table (`seq` may be empty).
/// Duplicate names are checked across rows by [`mark_duplicates`].
pub fn task_from_cells(name: &str, count: &str, seq: &str) -> TaskRow {
    let name = name.trim();
    if name.is_empty() {
        return Err(TaskError::new(TaskColumn::Name, ErrorKind::Empty));
    }
    if name.contains([':', ',']) {
        return Err(TaskError::new(
            TaskColumn::Name,
            ErrorKind::Malformed(Syntax::SeparatorInName),
        ));
    }
    let examples = parse_count(count, FIELD_TASKS, 1, MAX_EXAMPLES)
        .map_err(|e| TaskError::new(TaskColumn::Count, e.kind))?;
    let seq = if seq.trim().is_empty() {
        None
    } else {
        Some(
            parse_positive(seq, FIELD_TASKS, MAX_SEQ)
                .map_err(|e| TaskError::new(TaskColumn::Seq, e.kind))?,
        )
    };
    Ok(Task {
        name: name.to_string(),
        examples,
        seq,
    })
}

/// Parses one `name:count[:seq]` entry.
pub fn parse_task(entry: &str) -> TaskRow {
    let parts: Vec<&str> = entry.split(':').collect();
    match parts.as_slice() {
        [name, count] => task_from_cells(name, count, ""),
        [name, count, seq] => task_from_cells(name, count, seq),
        _ => Err(TaskError::new(
            TaskColumn::Row,
            ErrorKind::Malformed(Syntax::RowShape),
        )),
    }
}

/// Marks every repeat of an earlier valid row's name as `Duplicate(name)` (column `Name`); the
/// first occurrence keeps working.
pub fn mark_duplicates(rows: Vec<TaskRow>) -> Vec<TaskRow> {
    let mut seen: Vec<String> = Vec::new();
    rows.into_iter()
        .map(|row| match row {
            Ok(task) if seen.contains(&task.name) => Err(TaskError::new(
                TaskColumn::Name,
                ErrorKind::Duplicate(task.name),
            )),
            Ok(task) => {
                seen.push(task.name.clone());
                Ok(task)
            }
            err => err,
        })
        .collect()
}

/// Parses the `tasks` URL value `name:count[:seq],name:count[:seq],…` into one result per row
/// (blank entries skipped), so a bad row does not stop the others. Counts cannot use `,` as a
/// thousands separator here (it separates rows); `10k`, `1e6`, `1万` work.
pub fn parse_tasks(text: &str) -> Vec<TaskRow> {
    let rows = text
        .split(',')
        .filter(|e| !e.trim().is_empty())
        .enumerate()
        .map(|(i, e)| {
            if i < MAX_TASKS {
                parse_task(e)
            } else {
                Err(TaskError::new(
                    TaskColumn::Row,
                    ErrorKind::AboveMax(MAX_TASKS as f64),
                ))
            }
        })
        .collect();
    mark_duplicates(rows)
}

/// The three cells of one task-table row, as typed (name, count, optional seq).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskCells {
    /// The name as typed.
    pub name: String,
    /// The number of examples as typed.
    pub count: String,
    /// The tokens per example as typed (empty = not given).
    pub seq: String,
}

/// Splits the `tasks` text into table rows, one per entry that [`parse_tasks`] reads (blank
/// entries skipped, so row `i` here is row `i` there). An entry with more than three parts
/// keeps the rest in `seq`, so nothing typed is lost; [`parse_tasks`] reports it as a bad row.
pub fn task_cells(text: &str) -> Vec<TaskCells> {
    text.split(',')
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let mut parts = e.splitn(3, ':');
            TaskCells {
                name: parts.next().unwrap_or_default().to_string(),
                count: parts.next().unwrap_or_default().to_string(),
                seq: parts.next().unwrap_or_default().to_string(),
            }
        })
        .collect()
}

/// Joins table rows back into the `tasks` text (`name:count`, or `name:count:seq` when `seq` is
/// not blank). Cells are kept as typed; a row of empty cells becomes `:` so it stays a row.
pub fn join_task_cells(rows: &[TaskCells]) -> String {
    rows.iter()
        .map(|r| {
            if r.seq.trim().is_empty() {
                format!("{}:{}", r.name, r.count)
            } else {
                format!("{}:{}:{}", r.name, r.count, r.seq)
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether a cell's text would break the `tasks` text (`:` separates cells, `,` rows).
pub fn has_separator(cell: &str) -> bool {
    cell.contains([':', ','])
}

/// The error of a cell that holds a separator (`Malformed`, field `tasks`): such text cannot be
/// stored in the link, so the row is set aside until it is fixed.
pub fn separator_error(column: TaskColumn) -> TaskError {
    TaskError::new(column, ErrorKind::Malformed(Syntax::SeparatorInCell))
}

/// The first name `task1`, `task2`, … not used by any row, for a new row.
pub fn fresh_task_name(rows: &[TaskCells]) -> String {
    (1..=rows.len() + 1)
        .map(|i| format!("task{i}"))
        .find(|n| rows.iter().all(|r| r.name.trim() != n))
        .unwrap_or_else(|| "task".into())
}

/// Writes tasks back as the `tasks` URL value.
pub fn format_tasks(tasks: &[Task]) -> String {
    tasks
        .iter()
        .map(|t| match t.seq {
            Some(s) => format!("{}:{}:{}", t.name, t.examples, s),
            None => format!("{}:{}", t.name, t.examples),
        })
        .collect::<Vec<_>>()
        .join(",")
}
