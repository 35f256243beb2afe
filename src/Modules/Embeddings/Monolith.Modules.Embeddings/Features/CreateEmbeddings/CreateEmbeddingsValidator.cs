using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

internal sealed class CreateEmbeddingsValidator : AbstractValidator<CreateEmbeddings>
{
    public CreateEmbeddingsValidator(IOptions<EmbeddingsOptions> options)
    {
        var limits = options.Value.Limits;
        RuleFor(c => c.Request.Input).Custom((input, context) =>
        {
            foreach (var message in InputProblems(input, limits))
            {
                context.AddFailure("input", message);
            }
        });
        RuleFor(c => c.Request.EncodingFormat)
            .Must(format => format is null or "float" or "base64")
            .OverridePropertyName("encoding_format")
            .WithMessage("encoding_format must be \"float\" or \"base64\".");
        RuleFor(c => c.Request.Dimensions)
            .GreaterThan(0).When(c => c.Request.Dimensions is not null)
            .OverridePropertyName("dimensions");
        RuleFor(c => c.Request.Model).MaximumLength(200).OverridePropertyName("model");
    }

    private static IEnumerable<string> InputProblems(JsonElement input, EmbeddingLimits limits)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                foreach (var problem in TextProblems(input.GetString()!, "input", limits))
                {
                    yield return problem;
                }

                yield break;
            case JsonValueKind.Array:
                var count = input.GetArrayLength();
                if (count == 0)
                {
                    yield return "input must not be an empty array.";
                }
                else if (count > limits.MaxInputsPerRequest)
                {
                    yield return $"input has {count} items; at most {limits.MaxInputsPerRequest} are allowed per request.";
                }
                else
                {
                    var index = 0;
                    foreach (var item in input.EnumerateArray())
                    {
                        var where = $"input[{index++}]";
                        var problem = item.ValueKind switch
                        {
                            JsonValueKind.String => TextProblems(item.GetString()!, where, limits).FirstOrDefault(),
                            JsonValueKind.Number or JsonValueKind.Array => $"{where}: token arrays are not supported; send the text as a string.",
                            _ => $"{where} must be a string.",
                        };
                        if (problem is not null)
                        {
                            yield return problem;
                            yield break; // one clear message beats 2,048 of them
                        }
                    }
                }

                yield break;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                yield return "input is required: a string or an array of strings.";
                yield break;
            default:
                yield return "input must be a string or an array of strings.";
                yield break;
        }
    }

    private static IEnumerable<string> TextProblems(string text, string where, EmbeddingLimits limits)
    {
        if (text.Length == 0)
        {
            yield return $"{where} must not be an empty string.";
        }
        else if (text.Length > limits.MaxCharactersPerInput)
        {
            yield return $"{where} has {text.Length} characters; at most {limits.MaxCharactersPerInput} are allowed.";
        }
    }
}
