using Preau.Web.Modules.Messaging.Contracts;

namespace Preau.Web.Modules.Messaging;

/// <summary>
/// The one seam after sending: calls every registered <see cref="IMessageSentHandler"/>. A failing handler is logged
/// and does not undo the message, which is already committed.
/// </summary>
public sealed class MessageSentHooks(IEnumerable<IMessageSentHandler> handlers, ILogger<MessageSentHooks> logger)
{
    public async Task SentAsync(Guid messageId, IReadOnlyCollection<Guid> recipientIds, bool senderIsPupil, CancellationToken ct)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.OnSentAsync(messageId, recipientIds, senderIsPupil, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Message sent handler {Handler} failed for message {MessageId}", handler.GetType().Name, messageId);
            }
        }
    }
}
