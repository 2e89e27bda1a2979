using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook.Attachments;

/// <summary>
/// Files attached to a note, kept by the files service under the purpose <see cref="Purpose"/> with the note as owner.
/// A class note counts against the class's quota, a note to several classes against the school's.
/// </summary>
public sealed class NoteAttachments(IFileService files, AccessContext context)
{
    public const string Purpose = "liaison.note";
    public const int MaxFiles = 10;
    /// <summary>The request may carry up to <see cref="MaxFiles"/> files of the default size, plus the form.</summary>
    public const long MaxRequestBytes = 110L * 1024 * 1024;

    /// <summary>
    /// Stores the uploads for a note not yet written (its id chosen beforehand). All or nothing: on the first refusal,
    /// the files already stored are removed and the French messages are returned.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAllAsync(Guid noteId, QuotaScope scope, IReadOnlyList<IFormFile> uploads, CancellationToken ct = default)
    {
        var real = uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)).ToList();
        if (real.Count > MaxFiles)
        {
            return [$"Joignez au plus {MaxFiles} fichiers à un mot."];
        }
        var a = await context.GetAsync(ct);
        var saved = new List<Guid>();
        foreach (var upload in real)
        {
            await using var stream = upload.OpenReadStream();
            var result = await files.SaveAsync(stream, upload.FileName, Purpose, noteId, scope, a.PersonId, ct);
            if (result.File is null)
            {
                foreach (var id in saved)
                {
                    await files.DeleteAsync(id, ct);
                }
                return [result.Error!];
            }
            saved.Add(result.File.Id);
        }
        return [];
    }

    public Task<ILookup<Guid, FileInfoRow>> OfNotesAsync(IReadOnlyCollection<Guid> noteIds, CancellationToken ct = default) =>
        files.ListAsync(Purpose, noteIds, ct);

    public Task<QuotaUsage> ClassUsageAsync(Guid classId, CancellationToken ct = default) => files.UsageAsync(QuotaScope.Class(classId), ct);
}

/// <summary>Who reads a note's attachments: exactly who may open the note (its families, the classes' teachers, the director).</summary>
internal sealed class NoteFileAccess(LiaisonActions actions, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => NoteAttachments.Purpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) => await actions.OpenAsync(ownerId, ct) is not null;

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.LiaisonNotes.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
    }
}
