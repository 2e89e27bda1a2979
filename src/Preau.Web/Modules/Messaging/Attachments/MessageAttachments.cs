using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging.Attachments;

/// <summary>
/// Files attached to a message, kept by the files service under <see cref="Purpose"/> with the message as owner,
/// counted against the sender's own quota. A forward gets its own copies (new stored files), so deleting either
/// message never breaks the other.
/// </summary>
public sealed class MessageAttachments(IFileService files, PreauDbContext db)
{
    public const string Purpose = "messaging.message";
    public const int MaxFiles = 10;
    /// <summary>The request may carry up to <see cref="MaxFiles"/> files of the default size, plus the form.</summary>
    public const long MaxRequestBytes = 110L * 1024 * 1024;

    /// <summary>
    /// Stores the uploads, then copies of the chosen files of the forwarded message, for a message not yet sent. All or
    /// nothing: on the first refusal, what was stored is removed and the French message returned.
    /// </summary>
    public async Task<string?> SaveAllAsync(Access a, Guid messageId, IReadOnlyList<IFormFile> uploads, Guid? forwardedFrom, IReadOnlyCollection<Guid> forwardedFiles, CancellationToken ct)
    {
        var real = uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)).ToList();
        var copies = forwardedFrom is { } original && forwardedFiles.Count > 0 && await MayReadAsync(a.PersonId, original, ct)
            ? [.. (await files.ListAsync(Purpose, [original], ct))[original].Where(f => forwardedFiles.Contains(f.Id))]
            : new List<FileInfoRow>();
        if (real.Count + copies.Count > MaxFiles)
        {
            return $"Joignez au plus {MaxFiles} fichiers à un message.";
        }
        var scope = QuotaScope.Person(a.PersonId);
        var saved = new List<Guid>();
        foreach (var upload in real)
        {
            await using var stream = upload.OpenReadStream();
            if (await KeepAsync(await files.SaveAsync(stream, upload.FileName, Purpose, messageId, scope, a.PersonId, ct)) is { } error)
            {
                return error;
            }
        }
        foreach (var copy in copies)
        {
            await using var opened = await files.OpenAsync(copy.Id, ct);
            if (opened is null)
            {
                continue;
            }
            if (await KeepAsync(await files.SaveAsync(opened.Content, copy.Name, Purpose, messageId, scope, a.PersonId, ct)) is { } error)
            {
                return error;
            }
        }
        return null;

        async Task<string?> KeepAsync(SaveFileResult result)
        {
            if (result.File is not null)
            {
                saved.Add(result.File.Id);
                return null;
            }
            foreach (var id in saved)
            {
                await files.DeleteAsync(id, ct);
            }
            return result.Error;
        }
    }

    /// <summary>Removes the files stored for a message that was finally not sent.</summary>
    public Task DiscardAsync(Guid messageId, CancellationToken ct) => files.DeleteOwnerAsync(Purpose, messageId, ct);

    public Task<ILookup<Guid, FileInfoRow>> OfMessagesAsync(IReadOnlyCollection<Guid> messageIds, CancellationToken ct = default) =>
        files.ListAsync(Purpose, messageIds, ct);

    public Task<QuotaUsage> UsageAsync(Guid personId, CancellationToken ct = default) => files.UsageAsync(QuotaScope.Person(personId), ct);

    /// <summary>The sender (unless they deleted it for good) and the recipients who kept it; nobody once moderation hid it.</summary>
    internal Task<bool> MayReadAsync(Guid personId, Guid messageId, CancellationToken ct) =>
        db.Messages.AsNoTracking().AnyAsync(m => m.Id == messageId && m.SentAt != null && m.HiddenAt == null
            && ((m.SenderId == personId && m.SenderState != SenderState.Deleted)
                || db.MessageRecipients.Any(r => r.MessageId == messageId && r.PersonId == personId && r.State != RecipientState.Deleted)), ct);
}

/// <summary>Who downloads a message's attachments: its sender and its recipients only (anyone else: 404, even with the address).</summary>
internal sealed class MessageFileAccess(MessageAttachments attachments, AccessContext context, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => MessageAttachments.Purpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) =>
        context.PersonId is { } personId && await attachments.MayReadAsync(personId, ownerId, ct);

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
    }
}
