using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Monolith.Modules.Search.Data.Migrations
{
    /// <summary>
    /// BM25 (ADR 0017): the terms of every chunk in <c>search.postings</c> and the statistics BM25 needs per collection
    /// (<c>collection_statistics</c>: chunk count and total length; <c>term_statistics</c>: chunks per term), written
    /// by statement triggers on <c>search.chunks</c>, so every path that adds or removes chunks (indexing, replacement,
    /// document, collection and account deletion, cascades included) keeps them exact in its own transaction.
    /// The generated tsvector column goes: the postings replace it. Existing chunks are indexed here.
    /// </summary>
    public partial class Bm25Statistics : Migration
    {
        // The terms of {0} (new_chunks in the trigger, search.chunks for the backfill): the collection's text search
        // configuration over title and text, as the query is parsed. Positions give the term frequency; the length of a
        // chunk is the sum of its frequencies (stop words excluded).
        private const string IndexTerms = """
            WITH lexemes AS (
                SELECT n.id, n.collection_id, t.lexeme, coalesce(array_length(t.positions, 1), 1) AS frequency
                FROM {0} n
                JOIN search.collections c ON c.id = n.collection_id
                CROSS JOIN LATERAL unnest(to_tsvector(c.text_search_config::regconfig, coalesce(n.title, '') || ' ' || n.text)) t
            ), lengths AS (
                SELECT id, sum(frequency)::integer AS chunk_length FROM lexemes GROUP BY id
            ), postings AS (
                INSERT INTO search.postings (collection_id, term, chunk_id, frequency, chunk_length)
                SELECT l.collection_id, l.lexeme, l.id, l.frequency, n.chunk_length FROM lexemes l JOIN lengths n ON n.id = l.id
            ), terms AS (
                INSERT INTO search.term_statistics AS s (collection_id, term, chunks)
                SELECT collection_id, lexeme, count(*) FROM lexemes GROUP BY collection_id, lexeme ORDER BY collection_id, lexeme
                ON CONFLICT (collection_id, term) DO UPDATE SET chunks = s.chunks + excluded.chunks
            )
            INSERT INTO search.collection_statistics AS s (collection_id, chunks, total_length)
            SELECT n.collection_id, count(*), coalesce(sum(l.chunk_length), 0)
            FROM {0} n LEFT JOIN lengths l ON l.id = n.id
            GROUP BY n.collection_id ORDER BY n.collection_id
            ON CONFLICT (collection_id) DO UPDATE SET chunks = s.chunks + excluded.chunks, total_length = s.total_length + excluded.total_length
            """;

        // Removed chunks take their postings and their share of the statistics with them. Terms whose count drops to 0
        // keep their row (a later chunk reuses it; the collection's deletion removes it).
        private const string UnindexTerms = """
            WITH removed AS (
                DELETE FROM search.postings p USING old_chunks o
                WHERE p.chunk_id = o.id
                RETURNING p.collection_id, p.term, p.chunk_id, p.chunk_length
            ), terms AS (
                UPDATE search.term_statistics s SET chunks = s.chunks - r.chunks
                FROM (SELECT collection_id, term, count(*) AS chunks FROM removed GROUP BY collection_id, term) r
                WHERE s.collection_id = r.collection_id AND s.term = r.term
            ), lengths AS (
                SELECT DISTINCT chunk_id, chunk_length FROM removed
            )
            UPDATE search.collection_statistics s SET chunks = s.chunks - r.chunks, total_length = s.total_length - r.total_length
            FROM (
                SELECT o.collection_id, count(*) AS chunks, coalesce(sum(l.chunk_length), 0) AS total_length
                FROM old_chunks o LEFT JOIN lengths l ON l.chunk_id = o.id
                GROUP BY o.collection_id
            ) r
            WHERE s.collection_id = r.collection_id
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_chunks_search_vector",
                schema: "search",
                table: "chunks");

            migrationBuilder.DropColumn(
                name: "search_vector",
                schema: "search",
                table: "chunks");

            migrationBuilder.AddColumn<string>(
                name: "text_search_config",
                schema: "search",
                table: "collections",
                type: "character varying(63)",
                maxLength: 63,
                nullable: false,
                defaultValue: "english");

            migrationBuilder.Sql("""
                CREATE TABLE search.collection_statistics (
                    collection_id uuid PRIMARY KEY REFERENCES search.collections (id) ON DELETE CASCADE,
                    chunks bigint NOT NULL,
                    total_length bigint NOT NULL);
                CREATE TABLE search.term_statistics (
                    collection_id uuid NOT NULL REFERENCES search.collections (id) ON DELETE CASCADE,
                    term text NOT NULL,
                    chunks integer NOT NULL,
                    PRIMARY KEY (collection_id, term));
                CREATE TABLE search.postings (
                    collection_id uuid NOT NULL,
                    term text NOT NULL,
                    chunk_id uuid NOT NULL,
                    frequency integer NOT NULL,
                    chunk_length integer NOT NULL);
                -- A term's chunks, highest frequency (then shortest) first: a query reads at most Search:Bm25:MaxPostingsPerTerm of them.
                CREATE INDEX ix_postings_term ON search.postings (collection_id, term, frequency DESC, chunk_length, chunk_id);
                CREATE INDEX ix_postings_chunk ON search.postings (chunk_id);
                """);
            migrationBuilder.Sql(string.Format(System.Globalization.CultureInfo.InvariantCulture, IndexTerms, "search.chunks"));
            migrationBuilder.Sql($"""
                CREATE FUNCTION search.index_chunk_terms() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    {string.Format(System.Globalization.CultureInfo.InvariantCulture, IndexTerms, "new_chunks")};
                    RETURN NULL;
                END $body$;
                CREATE FUNCTION search.unindex_chunk_terms() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    {UnindexTerms};
                    RETURN NULL;
                END $body$;
                CREATE TRIGGER chunks_index_terms AFTER INSERT ON search.chunks
                    REFERENCING NEW TABLE AS new_chunks FOR EACH STATEMENT EXECUTE FUNCTION search.index_chunk_terms();
                CREATE TRIGGER chunks_unindex_terms AFTER DELETE ON search.chunks
                    REFERENCING OLD TABLE AS old_chunks FOR EACH STATEMENT EXECUTE FUNCTION search.unindex_chunk_terms();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER chunks_unindex_terms ON search.chunks;
                DROP TRIGGER chunks_index_terms ON search.chunks;
                DROP FUNCTION search.unindex_chunk_terms();
                DROP FUNCTION search.index_chunk_terms();
                DROP TABLE search.postings;
                DROP TABLE search.term_statistics;
                DROP TABLE search.collection_statistics;
                """);

            migrationBuilder.DropColumn(
                name: "text_search_config",
                schema: "search",
                table: "collections");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                schema: "search",
                table: "chunks",
                type: "tsvector",
                nullable: false)
                .Annotation("Npgsql:TsVectorConfig", "english")
                .Annotation("Npgsql:TsVectorProperties", new[] { "title", "text" });

            migrationBuilder.CreateIndex(
                name: "IX_chunks_search_vector",
                schema: "search",
                table: "chunks",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
