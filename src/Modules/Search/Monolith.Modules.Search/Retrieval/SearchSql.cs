using System.Globalization;

namespace Monolith.Modules.Search.Retrieval;

/// <summary>The SQL of the two lists; <c>@filter</c> is a jsonpath predicate (<see cref="MetadataFilter"/>).</summary>
internal static class SearchSql
{
    private const string FilterOnChunk = " AND c.metadata @@ @filter::jsonpath";

    /// <summary>
    /// Nearest chunks by cosine distance through the dimension's HNSW index (same expression and predicate as the
    /// index); ties by chunk id. With <paramref name="exact"/> the order is <c>distance + 0</c>, which no index
    /// provides, so PostgreSQL reads the searched collections' chunks (by their collection index) and sorts them all.
    /// </summary>
    public static string Vector(int dimensions, bool filtered, bool exact = false) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT n.id, n.document_id, n.collection_id, d.external_id, n.title, n.text, n.metadata::text, 1 - n.distance AS score
        FROM (
            SELECT c.id, c.document_id, c.collection_id, c.title, c.text, c.metadata,
                   c.embedding::vector({dimensions}) <=> @query_vector::vector({dimensions}) AS distance
            FROM search.chunks c
            WHERE c.dimensions = {dimensions} AND c.collection_id = ANY(@collections){(filtered ? FilterOnChunk : "")}
            ORDER BY (c.embedding::vector({dimensions}) <=> @query_vector::vector({dimensions})){(exact ? " + 0" : "")}
            LIMIT @limit
        ) n
        JOIN search.documents d ON d.id = n.document_id
        ORDER BY n.distance, n.id
        """);

    /// <summary>
    /// Okapi BM25 with each collection's own statistics: the query's terms in the collection's text search
    /// configuration, idf = ln(1 + (N − df + 0.5) / (df + 0.5)) (Lucene's, never negative), and per chunk
    /// Σ idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / average length)). Each term reads at most
    /// <c>@postings_per_term</c> postings from its index, highest frequency first (exact while a term's df is below
    /// it); a filter applies before that limit. Ties by chunk id.
    /// </summary>
    public static string Keyword(bool filtered) => $"""
        WITH query_terms AS (
            SELECT DISTINCT c.id AS collection_id, q.lexeme AS term
            FROM search.collections c
            CROSS JOIN LATERAL unnest(to_tsvector(c.text_search_config::regconfig, @query_text)) q
            WHERE c.id = ANY(@collections)
        ), weighted AS (
            SELECT t.collection_id, t.term,
                   ln(1 + (s.chunks - ts.chunks + 0.5) / (ts.chunks + 0.5)) AS idf,
                   s.total_length::float8 / greatest(s.chunks, 1) AS average_length
            FROM query_terms t
            JOIN search.term_statistics ts ON ts.collection_id = t.collection_id AND ts.term = t.term AND ts.chunks > 0
            JOIN search.collection_statistics s ON s.collection_id = t.collection_id
        ), scored AS (
            SELECT p.chunk_id,
                   sum(w.idf * p.frequency * (@k1 + 1) / (p.frequency + @k1 * (1 - @b + @b * p.chunk_length / greatest(w.average_length, 1)))) AS score
            FROM weighted w
            CROSS JOIN LATERAL (
                SELECT p.chunk_id, p.frequency, p.chunk_length
                FROM search.postings p{(filtered ? " JOIN search.chunks c ON c.id = p.chunk_id" : "")}
                WHERE p.collection_id = w.collection_id AND p.term = w.term{(filtered ? FilterOnChunk : "")}
                ORDER BY p.frequency DESC, p.chunk_length, p.chunk_id
                LIMIT @postings_per_term
            ) p
            GROUP BY p.chunk_id
            ORDER BY score DESC, p.chunk_id
            LIMIT @limit
        )
        SELECT c.id, c.document_id, c.collection_id, d.external_id, c.title, c.text, c.metadata::text, s.score
        FROM scored s
        JOIN search.chunks c ON c.id = s.chunk_id
        JOIN search.documents d ON d.id = c.document_id
        ORDER BY s.score DESC, c.id
        """;
}
