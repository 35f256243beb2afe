using System.Text;
using Monolith.Modules.Embeddings.LocalModel;
using FastBert = FastBertTokenizer.BertTokenizer;
using MlBert = Microsoft.ML.Tokenizers.BertTokenizer;
using MlBertOptions = Microsoft.ML.Tokenizers.BertOptions;

namespace Monolith.Benchmarks;

/// <summary>Single-threaded throughput of the tokenizer candidates, all truncating at the model's window.</summary>
internal static class TokenizerComparison
{
    public static async Task PrintAsync(string[] shortTexts, string[] longTexts)
    {
        string vocabulary;
        using (var reader = MiniLmModelFiles.OpenVocabulary())
        {
            vocabulary = await reader.ReadToEndAsync();
        }

        var fastBert = new FastBert();
        using (var reader = new StringReader(vocabulary))
        {
            fastBert.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        using var vocabularyStream = new MemoryStream(Encoding.UTF8.GetBytes(vocabulary));
        var mlBert = MlBert.Create(vocabularyStream, new MlBertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        using var vocabularyReader = new StringReader(vocabulary);
        var ours = new WordPieceTokenizer(vocabularyReader);

        var ids = new long[MiniLmEmbedder.MaxTokens];
        var mask = new long[MiniLmEmbedder.MaxTokens];
        (string Name, Func<string, int> Encode)[] candidates =
        [
            ("FastBertTokenizer 1.2.6 alone", text => fastBert.Encode(text, ids, mask)),
            ("WordPieceTokenizer (FastBertTokenizer + fixes)", text => ours.Encode(text, ids)),
            ("Microsoft.ML.Tokenizers 2.0.1", text => mlBert.EncodeToIds(text, MiniLmEmbedder.MaxTokens - 2, addSpecialTokens: false, out _, out _).Count + 2),
        ];

        Console.WriteLine("| tokenizer (1 thread) | short: texts/s | short: tokens/s | long: texts/s | long: tokens/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, encode) in candidates)
        {
            var row = $"| {name} ";
            foreach (var texts in new[] { shortTexts, longTexts })
            {
                var tokens = texts.Sum(encode);
                var seconds = await Stopwatches.SecondsPerCall(
                    () =>
                    {
                        foreach (var text in texts)
                        {
                            encode(text);
                        }

                        return Task.CompletedTask;
                    },
                    repetitions: 3,
                    minimumSeconds: 0.3);
                row += $"| {texts.Length / seconds:N0} | {tokens / seconds:N0} ";
            }

            Console.WriteLine(row + "|");
        }
    }
}
