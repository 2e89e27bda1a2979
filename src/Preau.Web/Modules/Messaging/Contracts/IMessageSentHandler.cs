namespace Preau.Web.Modules.Messaging.Contracts;

/// <summary>
/// Told after a message is sent (committed), e.g. by the notifications service to put it in the recipients' feed
/// or e-mail adults. Register implementations in DI; none is registered yet. Pupils' messages must never leave
/// the platform by e-mail (PRODUCT §3): the sender-is-pupil flag and the recipients' profiles say so.
/// </summary>
public interface IMessageSentHandler
{
    Task OnSentAsync(Guid messageId, IReadOnlyCollection<Guid> recipientIds, bool senderIsPupil, CancellationToken ct = default);
}
