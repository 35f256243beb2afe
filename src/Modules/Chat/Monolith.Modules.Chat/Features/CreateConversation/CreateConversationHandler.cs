using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Chat.Data;
using Monolith.Modules.Chat.Models;
using Monolith.Modules.Search.Contracts;
using Wolverine;

namespace Monolith.Modules.Chat.Features.CreateConversation;

internal sealed class CreateConversationHandler(ChatDbContext db, ChatModels models, IMessageBus bus, TimeProvider clock)
    : IRequestHandler<CreateConversation, ConversationResponse>
{
    public async Task<ConversationResponse> Handle(CreateConversation command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var model = models.Find(request.Model) ?? throw new ValidationException([new ValidationFailure("model",
            $"Unknown chat model '{request.Model}'. GET /v1/models lists the available models.")]);

        var collectionIds = (request.CollectionIds ?? []).Distinct().ToList();
        if (collectionIds.Count > 0)
        {
            var check = await bus.InvokeAsync<CheckedCollections>(new CheckCollections(command.UserId, collectionIds), cancellationToken);
            if (check.MissingCollectionIds.Count > 0)
            {
                throw ProblemException.NotFound($"Collection {check.MissingCollectionIds[0]}");
            }
        }

        var now = clock.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(),
            OwnerId = command.UserId,
            Title = string.IsNullOrWhiteSpace(request.Title) ? "New conversation" : request.Title.Trim(),
            CollectionIds = collectionIds,
            SystemPrompt = string.IsNullOrWhiteSpace(request.SystemPrompt) ? null : request.SystemPrompt,
            Model = model.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesUnlessErasedAsync(command.UserId, cancellationToken);
        return ConversationResponse.From(conversation, []);
    }
}
