namespace Monolith.BuildingBlocks.Web;

/// <summary>Stable problem <c>type</c> URIs: clients may switch on them.</summary>
public static class ProblemTypes
{
    public const string Base = "https://monolith.dev/problems/";

    public static string For(string slug) => Base + slug;
}
