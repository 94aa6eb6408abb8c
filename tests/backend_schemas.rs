//! The two backends' migrations make the same database: a fresh SQLite
//! file and a fresh PostgreSQL database, each migrated by the bot, have
//! the same tables, the same columns with the same kinds of value and the
//! same nullability (a flag is an integer on SQLite, which has no
//! boolean), and the same indexes over the same columns.

mod support;

use std::collections::BTreeMap;

use cliffhanger::store::{Db, Pool};

/// One column: its kind of value and whether it may be empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    kind: &'static str,
    nullable: bool,
}

/// One index: its table, columns in order, and whether it is unique.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    table: String,
    columns: Vec<String>,
    unique: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    /// Table → column → what it holds.
    tables: BTreeMap<String, BTreeMap<String, Column>>,
    indexes: BTreeMap<String, Index>,
}

/// A declared type as a kind of value both backends share.
fn kind(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    match t.as_str() {
        "integer" | "bigint" | "int" | "int8" | "smallint" => "integer",
        "text" | "character varying" | "varchar" => "text",
        "boolean" | "bool" => "boolean",
        "real" | "double precision" | "float8" => "real",
        "blob" | "bytea" => "bytes",
        _ => panic!("a column type neither kind covers: {declared}"),
    }
}

async fn sqlite_schema(db: &Db) -> Schema {
    let Pool::Lite(pool) = db.pool() else {
        unreachable!()
    };
    let mut schema = Schema::default();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table,) in tables {
        let columns: Vec<(i64, String, String, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1)",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        let entry = schema.tables.entry(table.clone()).or_default();
        for (_, name, declared, notnull, _, pk) in columns {
            entry.insert(
                name,
                Column {
                    kind: kind(&declared),
                    // A primary key column is never empty on either side.
                    nullable: notnull == 0 && pk == 0,
                },
            );
        }
        let indexes: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
            "SELECT seq, name, \"unique\", origin, partial FROM pragma_index_list($1)",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for (_, name, unique, origin, _) in indexes {
            // Indexes SQLite makes for a primary key or a UNIQUE clause.
            if origin != "c" {
                continue;
            }
            let columns: Vec<(i64, i64, Option<String>)> =
                sqlx::query_as("SELECT seqno, cid, name FROM pragma_index_info($1)")
                    .bind(&name)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            schema.indexes.insert(
                name,
                Index {
                    table: table.clone(),
                    columns: columns.into_iter().filter_map(|(_, _, c)| c).collect(),
                    unique: unique == 1,
                },
            );
        }
    }
    schema
}

async fn postgres_schema(db: &Db) -> Schema {
    let Pool::Pg(pool) = db.pool() else {
        unreachable!()
    };
    let mut schema = Schema::default();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column, declared, nullable) in columns {
        schema.tables.entry(table).or_default().insert(
            column,
            Column {
                kind: kind(&declared),
                nullable: nullable == "YES",
            },
        );
    }
    // Every index but those made for a primary key or a constraint.
    let indexes: Vec<(String, String, bool, Vec<String>)> = sqlx::query_as(
        "SELECT i.relname::text, t.relname::text, x.indisunique,
                ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY AS k (n, o)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n
                      ORDER BY k.o)
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
         WHERE ns.nspname = 'public' AND t.relname NOT LIKE '_sqlx%'
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (name, table, unique, columns) in indexes {
        schema.indexes.insert(
            name,
            Index {
                table,
                columns,
                unique,
            },
        );
    }
    schema
}

/// Whether a SQLite column and a PostgreSQL column hold the same: the same
/// kind and nullability, where a flag, BOOLEAN on PostgreSQL, is an
/// INTEGER 0 or 1 on SQLite (which has no boolean type).
fn same_column(lite: Option<&Column>, pg: Option<&Column>) -> bool {
    match (lite, pg) {
        (Some(a), Some(b)) => {
            a.nullable == b.nullable
                && (a.kind == b.kind || (a.kind == "integer" && b.kind == "boolean"))
        }
        _ => false,
    }
}

/// What one schema has and the other lacks or has otherwise, a line each.
fn differences(lite: &Schema, pg: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let tables: std::collections::BTreeSet<&String> =
        lite.tables.keys().chain(pg.tables.keys()).collect();
    for table in tables {
        match (lite.tables.get(table), pg.tables.get(table)) {
            (Some(a), Some(b)) => {
                let columns: std::collections::BTreeSet<&String> =
                    a.keys().chain(b.keys()).collect();
                for column in columns {
                    let (x, y) = (a.get(column), b.get(column));
                    if !same_column(x, y) {
                        out.push(format!("{table}.{column}: SQLite {x:?}, PostgreSQL {y:?}"));
                    }
                }
            }
            (a, b) => out.push(format!(
                "table {table}: SQLite {}, PostgreSQL {}",
                if a.is_some() { "has it" } else { "lacks it" },
                if b.is_some() { "has it" } else { "lacks it" }
            )),
        }
    }
    let names: std::collections::BTreeSet<&String> =
        lite.indexes.keys().chain(pg.indexes.keys()).collect();
    for name in names {
        let (x, y) = (lite.indexes.get(name), pg.indexes.get(name));
        if x != y {
            out.push(format!("index {name}: SQLite {x:?}, PostgreSQL {y:?}"));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_migrate_to_the_same_tables_columns_and_indexes() {
    let Some(server) = support::postgres_for("both_backends_migrate_to_the_same_tables") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let lite = Db::connect(&format!(
        "sqlite://{}",
        tmp.path().join("schema.db").display()
    ))
    .await
    .unwrap();
    let pg = Db::connect(&support::fresh_postgres(&server, "schema"))
        .await
        .unwrap();
    let (a, b) = (sqlite_schema(&lite).await, postgres_schema(&pg).await);
    assert!(a.tables.len() > 10, "{:?}", a.tables.keys());
    assert!(a.indexes.len() > 10, "{:?}", a.indexes.keys());
    assert_eq!(
        b.indexes
            .get("outbox_by_channel")
            .map(|i| i.columns.clone()),
        Some(vec!["channel_id".to_string(), "id".to_string()])
    );
    let found = differences(&a, &b);
    assert!(
        found.is_empty(),
        "the backends differ:\n{}",
        found.join("\n")
    );
    lite.close().await;
    pg.close().await;
}
