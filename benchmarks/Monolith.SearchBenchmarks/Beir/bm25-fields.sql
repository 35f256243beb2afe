-- BM25 by field and by unit, over the platform's own lexemes (docs/benchmarks.md, "BM25: one field or two, chunks or
-- documents"; ADR 50). Reads the kept database of `beir` (its chunks, as the platform stored them) and the dataset,
-- scores every dev and test query of NFCorpus in SQL, and prints nDCG@10 per split, unit and field combination.
--
--   psql -h 127.0.0.1 -p 55432 -U monolith -d beir_nfcorpus -v k1=0.9 -v b=0.4 -f benchmarks/Monolith.SearchBenchmarks/Beir/bm25-fields.sql
--
-- The dataset folder is $BEIR_DATASET, by default ../shared/datasets/nfcorpus (as `beir`'s, from the repository root).
--
-- Units: "chunk" (the platform's chunks; chunk 0's text starts with the title, as `beir` uploads it) and "doc" (BEIR's
-- documents whole). Fields: flat = title + text (what the platform indexes), flatnodup = title + text without the title
-- the text repeats, title, body (the text without that title). Combinations of title and body, each field with its own
-- statistics (document frequency, average length): sum (Anserini's multifield) and best_fields with tie_breaker t
-- (Elasticsearch's multi_match, which BEIR runs with t = 0.5): max + t · the other. A document scores by its best unit;
-- ties by document id. Everything lives in the schema `lab`, dropped at the end.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS lab CASCADE;
CREATE SCHEMA lab;
CREATE TABLE lab.lines (line text);
\copy lab.lines FROM PROGRAM 'zcat "${BEIR_DATASET:-../shared/datasets/nfcorpus}/corpus.jsonl.gz"' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE lab.docs AS SELECT line::jsonb ->> '_id' AS id, line::jsonb ->> 'title' AS title, line::jsonb ->> 'text' AS text FROM lab.lines;
TRUNCATE lab.lines;
\copy lab.lines FROM PROGRAM 'cat "${BEIR_DATASET:-../shared/datasets/nfcorpus}/queries.jsonl"' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE lab.queries AS SELECT line::jsonb ->> '_id' AS id, line::jsonb ->> 'text' AS text FROM lab.lines;
CREATE TABLE lab.qrels (split text DEFAULT 'dev', qid text, did text, grade int);
\copy lab.qrels (qid, did, grade) FROM PROGRAM 'tail -n +2 "${BEIR_DATASET:-../shared/datasets/nfcorpus}/qrels/dev.tsv"' WITH (FORMAT csv, DELIMITER E'\t')
ALTER TABLE lab.qrels ALTER COLUMN split SET DEFAULT 'test';
\copy lab.qrels (qid, did, grade) FROM PROGRAM 'tail -n +2 "${BEIR_DATASET:-../shared/datasets/nfcorpus}/qrels/test.tsv"' WITH (FORMAT csv, DELIMITER E'\t')
DELETE FROM lab.qrels WHERE grade <= 0;

CREATE TABLE lab.units AS
    SELECT 'chunk'::text AS lvl, c.id::text AS unit, d.external_id AS doc, coalesce(c.title, '') AS title, c.text,
           CASE WHEN c.position = 0 AND left(c.text, length(c.title)) = c.title THEN substr(c.text, length(c.title) + 1) ELSE c.text END AS body
    FROM search.chunks c JOIN search.documents d ON d.id = c.document_id
    UNION ALL
    SELECT 'doc', id, id, title, title || E'\n' || text, text FROM lab.docs;
CREATE TABLE lab.postings AS
    SELECT u.lvl, f.field, u.unit, u.doc, t.lexeme AS term, coalesce(array_length(t.positions, 1), 1) AS tf
    FROM lab.units u
    CROSS JOIN LATERAL (VALUES ('flat', u.title || ' ' || u.text), ('flatnodup', u.title || ' ' || u.body), ('title', u.title), ('body', u.body)) f (field, s)
    CROSS JOIN LATERAL unnest(to_tsvector('english', f.s)) t;
CREATE INDEX ON lab.postings (term);
CREATE TABLE lab.lengths AS SELECT lvl, field, unit, sum(tf) AS len FROM lab.postings GROUP BY 1, 2, 3;
CREATE TABLE lab.stats AS SELECT lvl, field, count(*) AS n, avg(len)::float8 AS avglen FROM lab.lengths GROUP BY 1, 2;
CREATE TABLE lab.df AS SELECT lvl, field, term, count(*) AS df FROM lab.postings GROUP BY 1, 2, 3;
CREATE TABLE lab.qterms AS
    SELECT DISTINCT q.id AS qid, t.lexeme AS term
    FROM lab.queries q JOIN (SELECT DISTINCT qid FROM lab.qrels) j ON j.qid = q.id
    CROSS JOIN LATERAL unnest(to_tsvector('english', q.text)) t;
ANALYZE lab.postings; ANALYZE lab.lengths; ANALYZE lab.stats; ANALYZE lab.df; ANALYZE lab.qterms;

-- Lucene's BM25 per field, as the platform scores (ADR 17).
CREATE TABLE lab.field_scores AS
    SELECT p.lvl, p.field, qt.qid, p.unit, p.doc,
           sum(ln(1 + (s.n - d.df + 0.5) / (d.df + 0.5)) * p.tf * (:k1 + 1) / (p.tf + :k1 * (1 - :b + :b * l.len / s.avglen))) AS score
    FROM lab.qterms qt
    JOIN lab.postings p ON p.term = qt.term
    JOIN lab.df d ON d.lvl = p.lvl AND d.field = p.field AND d.term = p.term
    JOIN lab.stats s ON s.lvl = p.lvl AND s.field = p.field
    JOIN lab.lengths l ON l.lvl = p.lvl AND l.field = p.field AND l.unit = p.unit
    GROUP BY 1, 2, 3, 4, 5;
ANALYZE lab.field_scores;
CREATE TABLE lab.combined AS
    SELECT lvl, field AS method, qid, unit, doc, score FROM lab.field_scores WHERE field IN ('flat', 'flatnodup', 'body')
    UNION ALL
    SELECT lvl, m.method, qid, unit, doc,
           CASE m.method WHEN 'title+body sum' THEN t + x ELSE greatest(t, x) + m.tie * least(t, x) END
    FROM (SELECT lvl, qid, unit, doc,
                 coalesce(max(score) FILTER (WHERE field = 'title'), 0) AS t, coalesce(max(score) FILTER (WHERE field = 'body'), 0) AS x
          FROM lab.field_scores WHERE field IN ('title', 'body') GROUP BY 1, 2, 3, 4) f
    CROSS JOIN (VALUES ('title+body sum', 0.0), ('title+body best_fields 0.5', 0.5), ('title+body best_fields 0.3', 0.3)) m (method, tie);

-- nDCG@10 with the grades as gains (trec_eval's ndcg_cut.10), every judged query counted.
WITH per_document AS (SELECT lvl, method, qid, doc, max(score) AS score FROM lab.combined GROUP BY 1, 2, 3, 4),
ranked AS (SELECT *, row_number() OVER (PARTITION BY lvl, method, qid ORDER BY score DESC, doc) AS r FROM per_document),
ideal AS (
    SELECT split, qid, sum(grade / log(2, rn + 1)) AS idcg
    FROM (SELECT split, qid, grade, row_number() OVER (PARTITION BY split, qid ORDER BY grade DESC) AS rn FROM lab.qrels) x
    WHERE rn <= 10 GROUP BY 1, 2),
gained AS (
    SELECT g.split, r.lvl, r.method, r.qid, sum(g.grade / log(2, r.r + 1)) AS dcg
    FROM ranked r JOIN lab.qrels g ON g.qid = r.qid AND g.did = r.doc WHERE r.r <= 10 GROUP BY 1, 2, 3, 4),
methods AS (SELECT DISTINCT lvl, method FROM lab.combined)
SELECT i.split, m.lvl AS unit, m.method AS fields, :k1 AS k1, :b AS b, round(avg(coalesce(d.dcg, 0) / i.idcg)::numeric, 4) AS ndcg10, count(*) AS queries
FROM ideal i CROSS JOIN methods m
LEFT JOIN gained d ON d.split = i.split AND d.qid = i.qid AND d.lvl = m.lvl AND d.method = m.method
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
DROP SCHEMA lab CASCADE;
