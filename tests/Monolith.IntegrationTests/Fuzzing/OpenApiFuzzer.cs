using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Fuzzing;

/// <summary>One operation of the OpenAPI document; <paramref name="TakesFiles"/>: its body may be multipart/form-data.</summary>
internal sealed record FuzzOperation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonNode? BodySchema, bool TakesFiles = false)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Which credential a request carries.</summary>
internal enum FuzzCredential
{
    Token,
    ApiKey,
    None,
    Garbage,
}

/// <summary>A generated request, complete enough to print and replay.</summary>
internal sealed record FuzzRequest(int Number, FuzzOperation Operation, string Method, string Url, FuzzCredential Credential, string? ContentType, byte[]? Body, string Mutation)
{
    public string Describe()
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 1_500)) + (Body.Length > 1_500 ? $"… ({Body.Length} bytes)" : "");
        return $"#{Number} [{Mutation}] {Method} {Url}  credential={Credential} content-type={ContentType ?? "(none)"}\n  body: {body}";
    }
}

/// <summary>A user's real resources, so that requests get past the 404 into validation and handlers (own) or must not (others').</summary>
internal sealed record FuzzIds(Guid Collection, Guid Document, Guid Conversation, Guid ApiKey, Guid User)
{
    /// <summary>The id a path parameter names, judged by the route.</summary>
    public Guid For(string path, string parameter) =>
        parameter == "documentId" ? Document
        : path.Contains("/conversations/", StringComparison.Ordinal) ? Conversation
        : path.Contains("/api-keys/", StringComparison.Ordinal) ? ApiKey
        : path.Contains("/admin/users/", StringComparison.Ordinal) ? User
        : Collection;
}

/// <summary>
/// Generates malformed requests for the operations of an OpenAPI document from a seeded <see cref="Random"/>:
/// a plausible request per operation (from its schema) with one kind of damage. The same seed gives the same requests.
/// </summary>
internal sealed class OpenApiFuzzer(JsonObject document, FuzzIds own, FuzzIds others, int seed)
{
    private static readonly string[] Mutations =
        ["field-wrong-type", "field-missing", "field-edge-value", "random-body", "extra-fields", "malformed-json", "content-type", "path-id", "query", "credential", "method", "text-trap", "valid"];

    private readonly Random _random = new(seed);
    private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? [];

    // "text-trap": text fields of a plausible body get text a .NET string or PostgreSQL cannot hold.
    private bool _textTraps;

    public IReadOnlyList<FuzzOperation> Operations { get; } = ReadOperations(document);

    public IEnumerable<FuzzRequest> Generate(int count)
    {
        for (var number = 0; number < count; number++)
        {
            // Round robin over operations so each gets its share; the damage is random.
            yield return Generate(number, Operations[number % Operations.Count], Mutations[_random.Next(Mutations.Length)]);
        }
    }

    private static List<FuzzOperation> ReadOperations(JsonObject document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray().Select(parameter => parameter!).ToList() ?? [];
                operations.Add(new FuzzOperation(
                    method.ToUpperInvariant(),
                    path,
                    parameters.Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToList(),
                    parameters.Where(p => p["in"]!.GetValue<string>() == "query").Select(p => p["name"]!.GetValue<string>()).ToList(),
                    operation["requestBody"]?["content"]?["application/json"]?["schema"],
                    operation["requestBody"]?["content"]?["multipart/form-data"] is not null));
            }
        }

        return operations;
    }

    private FuzzRequest Generate(int number, FuzzOperation operation, string mutation)
    {
        var method = mutation == "method" ? Pick(["PUT", "PATCH", "POST", "DELETE", "OPTIONS", "GET"]) : operation.Method;

        // Deleting the account or the fuzzer's own resources would turn the rest of the run into 401s and 404s.
        var destructive = method == "DELETE";
        var credential = mutation == "credential"
            ? (FuzzCredential)_random.Next(4)
            : _random.Next(10) == 0 ? FuzzCredential.ApiKey : FuzzCredential.Token;
        if (destructive && operation.PathParameters.Count == 0)
        {
            credential = _random.Next(2) == 0 ? FuzzCredential.None : FuzzCredential.Garbage;
        }

        var path = operation.Path;
        foreach (var name in operation.PathParameters)
        {
            path = path.Replace("{" + name + "}", PathId(operation.Path, name, mutation == "path-id" || destructive), StringComparison.Ordinal);
        }

        var query = operation.QueryParameters
            .Where(_ => _random.Next(3) > 0)
            .Select(name => $"{name}={(mutation == "query" ? Pick(FuzzValues.QueryValues) : Plausible(name))}")
            .ToList();
        if (mutation == "query")
        {
            query.Add(_random.Next(2) == 0 ? "page=1&page=2" : $"unknown={Uri.EscapeDataString(Pick(FuzzValues.Strings))}");
        }

        var url = query.Count > 0 ? $"{path}?{string.Join('&', query)}" : path;
        if (operation.TakesFiles && mutation is not ("content-type" or "malformed-json"))
        {
            var damage = FuzzMultipart.Damages[_random.Next(FuzzMultipart.Damages.Length)];
            var (formType, form) = FuzzMultipart.Build(_random, damage);
            return new FuzzRequest(number, operation, method, url, credential, formType, form, $"multipart-{damage}");
        }

        if (operation.BodySchema is null && mutation is not ("malformed-json" or "content-type"))
        {
            return new FuzzRequest(number, operation, method, url, credential, null, null, mutation);
        }

        _textTraps = mutation == "text-trap";
        var contentType = mutation == "content-type" ? (_random.Next(5) == 0 ? null : Pick(FuzzValues.ContentTypes)) : "application/json";
        var body = mutation switch
        {
            "malformed-json" => FuzzValues.RawBodies[_random.Next(FuzzValues.RawBodies.Length)],
            "random-body" => Json(_random.Next(3) == 0 ? FuzzValues.AnyValue(_random) : Value(operation.BodySchema, depth: 0, wild: true)),
            _ => Json(Mutate(Value(operation.BodySchema, depth: 0, wild: false), mutation)),
        };
        return new FuzzRequest(number, operation, method, url, credential, contentType, body, mutation);
    }

    private string PathId(string path, string parameter, bool bad) => !bad && _random.Next(8) > 0
        ? own.For(path, parameter).ToString()
        : _random.Next(3) switch
        {
            0 => others.For(path, parameter).ToString(),
            1 => Guid.NewGuid().ToString(),
            _ => Pick(FuzzValues.BadIds),
        };

    private JsonNode? Mutate(JsonNode? body, string mutation)
    {
        if (body is not JsonObject target || target.Count == 0)
        {
            return mutation == "valid" ? body : FuzzValues.AnyValue(_random);
        }

        // Damage a top-level field, or one inside the first object of an array (messages, documents).
        var nested = target.Select(pair => pair.Value).OfType<JsonArray>().SelectMany(array => array.OfType<JsonObject>()).FirstOrDefault();
        if (nested is { Count: > 0 } && _random.Next(3) == 0)
        {
            target = nested;
        }

        var key = target.ElementAt(_random.Next(target.Count)).Key;
        switch (mutation)
        {
            case "field-wrong-type":
                target[key] = FuzzValues.AnyValue(_random);
                break;
            case "field-missing":
                target.Remove(key);
                break;
            case "field-edge-value":
                target[key] = _random.Next(4) == 0 ? FuzzValues.AnyValue(_random) : JsonValue.Create(FuzzValues.String(_random));
                break;
            case "extra-fields":
                foreach (var extra in new[] { "id", "userId", "ownerId", "roles", "role", "passwordHash", "isAdmin", "createdAt", "status", "__proto__" })
                {
                    target[extra] = extra == "roles" ? new JsonArray("admin") : FuzzValues.AnyValue(_random);
                }

                break;
        }

        return body;
    }

    /// <summary>A value for the schema: plausible, or (wild) anything of roughly the right shape.</summary>
    private JsonNode? Value(JsonNode? schema, int depth, bool wild, string? name = null)
    {
        schema = Resolve(schema);
        if (schema is not JsonObject definition || depth > 4 || (wild && _random.Next(4) == 0))
        {
            return wild ? FuzzValues.AnyValue(_random) : JsonValue.Create(Plausible(name));
        }

        var types = definition["type"] switch
        {
            JsonArray many => many.Select(type => type!.GetValue<string>()).Where(type => type != "null").ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => new List<string>(),
        };
        if (definition["oneOf"] is JsonArray choices)
        {
            return Value(choices.FirstOrDefault(choice => Resolve(choice)?["type"]?.ToString() != "null"), depth + 1, wild, name);
        }

        if (definition["properties"] is JsonObject properties)
        {
            var result = new JsonObject();
            foreach (var (property, propertySchema) in properties)
            {
                result[property] = Value(propertySchema, depth + 1, wild, property);
            }

            return result;
        }

        if (types.Contains("object"))
        {
            return new JsonObject { [wild ? FuzzValues.String(_random) : "kind"] = Value(definition["additionalProperties"], depth + 1, wild, "value") };
        }

        if (types.Contains("array"))
        {
            var count = wild ? _random.Next(0, 6) : 1;
            return new JsonArray(Enumerable.Range(0, count).Select(_ => Value(definition["items"], depth + 1, wild, name)).ToArray());
        }

        if (types.Contains("integer"))
        {
            return wild ? FuzzValues.AnyValue(_random) : JsonValue.Create(name is "topK" ? 3 : 1);
        }

        if (types.Contains("number"))
        {
            return wild ? FuzzValues.AnyValue(_random) : JsonValue.Create(name is "minScore" ? 0.0 : 0.5);
        }

        if (types.Contains("boolean"))
        {
            return wild ? FuzzValues.AnyValue(_random) : JsonValue.Create(false);
        }

        if (definition["format"]?.GetValue<string>() == "uuid")
        {
            return JsonValue.Create(PathId("", "", wild)); // collection ids
        }

        // An untyped schema is a JsonElement field (OpenAI's "string or array" input, content, stop): its text is
        // decoded only where it is read, so traps go into every shape it takes.
        var untyped = types.Count == 0 && definition["items"] is null && definition["enum"] is null;
        if (_textTraps && _random.Next(2) == 0)
        {
            return FuzzValues.TextTrap(_random, shaped: untyped);
        }

        return JsonValue.Create(wild ? FuzzValues.String(_random) : Plausible(name));
    }

    private JsonNode? Resolve(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference ? _schemas[reference.Split('/')[^1]] : schema;

    /// <summary>A value a real client would send for a field or parameter of this name.</summary>
    private string Plausible(string? name) => name switch
    {
        "email" => $"fuzz-{_random.Next():x}@example.test",
        "password" => "correct horse battery staple",
        "mode" => Pick(["hybrid", "vector", "keyword"]),
        "role" => "user",
        "page" => "1",
        "pageSize" => "5",
        "status" => "indexed",
        "model" or "embeddingModel" or "encoding_format" or "user" or "externalId" or "systemPrompt" => "",
        "input" or "query" or "content" or "text" => "How do bees find flowers?",
        _ => "fuzz " + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
    };

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private static byte[] Json(JsonNode? node) => Encoding.UTF8.GetBytes(FuzzValues.WithLoneSurrogates(node?.ToJsonString() ?? "null"));
}
