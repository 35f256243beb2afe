using Microsoft.Extensions.Configuration;

namespace Monolith.BuildingBlocks.Security;

/// <summary>The local data folder (<c>DataPath</c>, default <c>./.data</c>) for generated secrets.</summary>
public static class DataFolder
{
    public static string Path(IConfiguration configuration) =>
        System.IO.Path.GetFullPath(configuration["DataPath"] ?? System.IO.Path.Combine(Environment.CurrentDirectory, ".data"));
}
