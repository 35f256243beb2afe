using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Search.Features.UploadFiles;

/// <summary>
/// Reads the files of an upload: the parts of a multipart form (any part with a file name is a file; the
/// n-th externalId, title and metadata field belongs to the n-th file), or the raw body as one file named by
/// ?filename=. Form limits are set here (so a huge field is a 413, not a buffered megabyte), and a file over
/// the size limit is refused while it is read.
/// </summary>
internal static class UploadRequest
{
    public static async Task<IReadOnlyList<UploadedFile>> ReadAsync(
        HttpRequest request, string? fileName, string? externalId, string? title, FileLimits limits, CancellationToken cancellationToken) =>
        request.HasFormContentType
            ? await ReadFormAsync(request, limits, cancellationToken)
            : [await ReadBodyAsync(request, fileName, externalId, title, limits, cancellationToken)];

    private static async Task<IReadOnlyList<UploadedFile>> ReadFormAsync(HttpRequest request, FileLimits limits, CancellationToken cancellationToken)
    {
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = limits.MaxRequestBytes,
            ValueLengthLimit = limits.MaxFieldBytes,
            ValueCountLimit = 4 * (limits.MaxFilesPerRequest + 1),
            MultipartHeadersLengthLimit = 16 * 1024,
        }));

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(413, "payload-too-large", "Request too large",
                $"A form field or the form is over its limit ({limits.MaxFieldBytes:N0} bytes per field, {limits.MaxRequestBytes:N0} per request): {exception.Message}");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException and not BadHttpRequestException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new ProblemException(400, "malformed-request", "Malformed request", $"The multipart body could not be read: {exception.Message}");
        }

        // Multipart fields are not held to FormOptions.ValueLengthLimit (only url-encoded ones are); the request limit bounds them meanwhile.
        if (form.FirstOrDefault(field => field.Value.Any(value => value?.Length > limits.MaxFieldBytes)) is { Key: not null } huge)
        {
            throw new ProblemException(413, "payload-too-large", "Request too large", $"The field '{huge.Key}' is longer than {limits.MaxFieldBytes:N0} characters (Search:Files:MaxFieldBytes).");
        }

        var files = form.Files.Where(file => file.FileName.Length > 0 || file.Length > 0).ToList();
        var externalIds = Field(form, "externalId", files.Count);
        var titles = Field(form, "title", files.Count);
        var metadata = Field(form, "metadata", files.Count);
        var uploaded = new List<UploadedFile>(files.Count);
        foreach (var (index, file) in files.Index())
        {
            if (file.Length > limits.MaxFileBytes)
            {
                throw TooLarge(index, limits);
            }

            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            uploaded.Add(new UploadedFile(file.FileName, file.ContentType, content, externalIds[index], titles[index], Metadata(metadata[index], index)));
        }

        return uploaded;
    }

    private static async Task<UploadedFile> ReadBodyAsync(
        HttpRequest request, string? fileName, string? externalId, string? title, FileLimits limits, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new ValidationException([new ValidationFailure("filename",
                "Name the file with ?filename= when it is the body, or send files as multipart/form-data.")]);
        }

        if (request.ContentLength > limits.MaxFileBytes)
        {
            throw TooLarge(0, limits);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxFileBytes)
            {
                throw TooLarge(0, limits);
            }

            buffer.Write(chunk, 0, read);
        }

        return new UploadedFile(fileName, request.ContentType, buffer.ToArray(), externalId, title, null);
    }

    private static ProblemException TooLarge(int index, FileLimits limits) =>
        new(413, "file-too-large", "File too large", $"files[{index}] is larger than {limits.MaxFileBytes:N0} bytes (Search:Files:MaxFileBytes).");

    // The n-th value of a field belongs to the n-th file; more values than files is a mistake worth saying.
    private static string?[] Field(IFormCollection form, string name, int fileCount)
    {
        var values = form[name];
        if (values.Count > fileCount)
        {
            throw new ValidationException([new ValidationFailure(name, $"{values.Count} {name} fields for {fileCount} files: the n-th field belongs to the n-th file.")]);
        }

        return Enumerable.Range(0, fileCount).Select(i => i < values.Count ? values[i] : null).ToArray();
    }

    private static Dictionary<string, string>? Metadata(string? json, int index)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException) // a lone surrogate escape ("\ud800") cannot become a string
        {
            throw new ValidationException([new ValidationFailure($"files[{index}].metadata", "metadata must be a JSON object whose values are strings of valid Unicode.")]);
        }
    }
}
