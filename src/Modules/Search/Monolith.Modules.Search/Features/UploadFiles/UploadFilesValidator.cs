using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Search.Features.UploadFiles;

internal sealed class UploadFilesValidator : AbstractValidator<UploadFiles>
{
    public const int MaxFileNameLength = 2048;

    // Form fields and file names arrive as text the JSON reader never checked (SafeJsonText's rule for JSON bodies):
    // PostgreSQL's text and jsonb cannot hold U+0000.
    private const string NulMessage = "may not contain the NUL character (\\u0000).";

    public UploadFilesValidator(IOptions<SearchOptions> options)
    {
        var limits = options.Value.Limits;
        var files = options.Value.Files;
        RuleFor(r => r.Files).NotEmpty().WithName("file")
            .WithMessage("Send one or more files as multipart/form-data parts, or one file as the body with ?filename=.")
            .Must(list => list.Count <= files.MaxFilesPerRequest).WithMessage($"A request holds at most {files.MaxFilesPerRequest} files.")
            .Must(list => list.Select(UploadDefaults.ExternalId).Distinct(StringComparer.Ordinal).Count() == list.Count)
            .WithMessage("Two files would have the same externalId (by default the file name); give each file its own externalId.");
        RuleForEach(r => r.Files).ChildRules(file =>
        {
            file.RuleFor(f => f.Content).Must(content => content.Length > 0).WithMessage("the file is empty.").OverridePropertyName("content");
            file.RuleFor(f => f.FileName).NotEmpty().WithMessage("the file needs a name (filename in Content-Disposition, or ?filename=).")
                .MaximumLength(MaxFileNameLength).Must(NoNul).WithMessage(NulMessage).OverridePropertyName("fileName");
            file.RuleFor(f => f.Title).MaximumLength(500).Must(NoNul).WithMessage(NulMessage).OverridePropertyName("title");
            file.RuleFor(f => f.ExternalId).MaximumLength(200).Must(NoNul).WithMessage(NulMessage).OverridePropertyName("externalId");
            file.RuleFor(f => f.Metadata).WithinLimits(limits)
                .Must(metadata => metadata is null || metadata.All(pair => NoNul(pair.Key) && NoNul(pair.Value))).WithMessage(NulMessage)
                .OverridePropertyName("metadata");
        }).OverridePropertyName("files");
    }

    private static bool NoNul(string? text) => text is null || !text.Contains('\0', StringComparison.Ordinal);
}
