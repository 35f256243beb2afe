namespace Monolith.SearchBenchmarks;

/// <summary>The benchmark programs' command lines: one argument loop for every options record, and the plain look-up of the smaller modes.</summary>
internal static class Arguments
{
    /// <summary>
    /// Folds <paramref name="args"/> into <paramref name="options"/>: <paramref name="apply"/> gets the options so far, an
    /// argument's name and a reader of its value, and returns the new options, or null for a name it does not know
    /// (an error that names <paramref name="optionsFile"/>, where the options are described).
    /// </summary>
    public static T Parse<T>(string[] args, T options, string optionsFile, Func<T, string, Func<string>, T?> apply)
        where T : class
    {
        var i = 0;
        for (; i < args.Length; i++)
        {
            options = apply(options, args[i], Value)
                ?? throw new ArgumentException($"Unknown argument '{args[i]}'. See benchmarks/Monolith.SearchBenchmarks/{optionsFile}.");
        }

        return options;

        string Value() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
    }

    /// <summary>The value after <paramref name="name"/>, or null without one.</summary>
    public static string? Value(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
