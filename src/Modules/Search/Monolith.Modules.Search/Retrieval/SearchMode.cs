namespace Monolith.Modules.Search.Retrieval;

internal enum SearchMode
{
    Vector,
    Keyword,
    Hybrid,
}
