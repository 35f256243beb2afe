using System.Globalization;
using System.Text;
using Monolith.IntegrationTests.Files;

namespace Monolith.IntegrationTests.Fuzzing;

/// <summary>
/// multipart/form-data bodies for operations that take files: plausible forms (files of every kind, good and bad, with
/// hostile names and fields) and forms broken the ways a careless or hostile client breaks them.
/// </summary>
internal static class FuzzMultipart
{
    public static readonly string[] Damages =
    [
        "valid", "no-closing-boundary", "wrong-boundary", "no-boundary-parameter", "no-content-disposition", "bad-content-disposition",
        "lf-only", "huge-header", "fields-without-files", "more-fields-than-files", "random-bytes", "preamble-and-epilogue", "nested-multipart",
    ];

    private static readonly string[] FileNames =
        ["report.pdf", "notes.docx", "deck.pptx", "figures.xlsx", "page.html", "readme.md", "table.csv", "a.txt", "noextension", ".pdf", "photo.png", "old.doc", "x.PDF"];

    private static readonly string[] ContentTypes =
        ["application/pdf", "application/octet-stream", "text/plain", "text/markdown", "text/csv", "text/html", "image/png", "application/msword", "garbage", "multipart/mixed", ""];

    public static (string ContentType, byte[] Body) Build(Random random, string damage)
    {
        var boundary = "fuzz" + random.Next().ToString("x", CultureInfo.InvariantCulture);
        var body = new MemoryStream();
        var newline = damage == "lf-only" ? "\n" : "\r\n";
        if (damage == "preamble-and-epilogue")
        {
            Write(body, $"preamble {Pick(random, FuzzValues.Strings)}{newline}");
        }

        var files = damage == "fields-without-files" ? 0 : random.Next(1, 4);
        for (var i = 0; i < files; i++)
        {
            Write(body, $"--{(damage == "wrong-boundary" && i == 0 ? boundary + "x" : boundary)}{newline}");
            var name = random.Next(3) == 0 ? Pick(random, FuzzValues.Strings) : Pick(random, FileNames);
            Write(body, damage switch
            {
                "no-content-disposition" => "",
                "bad-content-disposition" => random.Next(4) switch
                {
                    0 => $"Content-Disposition: form-data; name={newline}",
                    1 => $"Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%ZZ%{newline}",
                    2 => $"Content-Disposition: attachment; filename=\"{name}\"; filename=\"second\"{newline}",
                    _ => $"Content-Disposition: form-data; name=\"file\"; filename=\"{name}{newline}",
                },
                "huge-header" => $"Content-Disposition: form-data; name=\"file\"; filename=\"{new string('n', random.Next(10_000, 200_000))}\"{newline}",
                _ => $"Content-Disposition: form-data; name=\"file\"; filename=\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"{newline}",
            });
            Write(body, damage == "nested-multipart"
                ? $"Content-Type: multipart/mixed; boundary={boundary}{newline}{newline}"
                : $"Content-Type: {Pick(random, ContentTypes)}{newline}{newline}");
            body.Write(FileContent(random));
            Write(body, newline);
        }

        var fields = damage == "more-fields-than-files" ? files + random.Next(1, 3) : random.Next(2) == 0 ? files : 0;
        foreach (var field in new[] { "externalId", "title", "metadata" })
        {
            for (var i = 0; i < fields && random.Next(2) == 0; i++)
            {
                Write(body, $"--{boundary}{newline}Content-Disposition: form-data; name=\"{field}\"{newline}{newline}{FieldValue(random, field)}{newline}");
            }
        }

        if (damage != "no-closing-boundary")
        {
            Write(body, $"--{boundary}--{newline}");
        }

        if (damage == "preamble-and-epilogue")
        {
            Write(body, $"epilogue {Pick(random, FuzzValues.Strings)}");
        }

        return damage switch
        {
            "random-bytes" => ($"multipart/form-data; boundary={boundary}", RandomBytes(random, random.Next(0, 4_000))),
            "no-boundary-parameter" => ("multipart/form-data", body.ToArray()),
            _ => ($"multipart/form-data; boundary={boundary}", body.ToArray()),
        };
    }

    /// <summary>A file of any kind the route meets: each accepted format (some damaged), images, legacy Office, empty, random.</summary>
    private static byte[] FileContent(Random random) => random.Next(12) switch
    {
        0 => [],
        1 => Encoding.UTF8.GetBytes("Bees " + Pick(random, FuzzValues.Strings) + " find flowers by scent."),
        2 => TestFiles.Pdf([[new("Fuzz", 16), new(Pick(random, ["Hives and honey.", "Pollen counts rose."]))]]),
        3 => Truncated(random, TestFiles.Docx([("Heading1", "Fuzz"), ("", "A paragraph.")])),
        4 => TestFiles.Xlsx([("Sheet", [["a", "b"], [1, 2]])]),
        5 => TestFiles.Pptx([("Title", ["Body"], null)]),
        6 => TestFiles.Png(),
        7 => TestFiles.EncryptedOfficeFile(),
        8 => [.. "%PDF-1.7\n"u8, .. RandomBytes(random, random.Next(1, 2_000))],
        9 => [.. "PK\u0003\u0004"u8, .. RandomBytes(random, random.Next(1, 2_000))],
        10 => Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", random.Next(1, 2_000))) + "deep</body></html>"),
        _ => RandomBytes(random, random.Next(1, 4_000)),
    };

    private static string FieldValue(Random random, string field) => field == "metadata" && random.Next(2) == 0
        ? Pick(random, ["{\"team\":\"bees\"}", "{", "[1,2]", "null", "{\"k\":{\"nested\":1}}", "{\"k\":\"" + new string('v', 70_000) + "\"}", "\"text\""])
        : FuzzValues.String(random);

    private static byte[] Truncated(Random random, byte[] content) => random.Next(2) == 0 ? content : content[..random.Next(1, content.Length)];

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void Write(MemoryStream body, string text) => body.Write(Encoding.UTF8.GetBytes(text));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
