using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework;

/// <summary>
/// Files of the cahier de textes, kept by the files service: documents of an entry (purpose <see cref="EntryPurpose"/>,
/// owner the entry) and the pupils' work in the drop box (purpose <see cref="SubmissionPurpose"/>, owner the submission).
/// Both count against the class's quota.
/// </summary>
public sealed class HomeworkFiles(IFileService files, AccessContext context)
{
    public const string EntryPurpose = "homework.entry";
    public const string SubmissionPurpose = "homework.submission";
    public const int MaxFiles = 10;
    public const long MaxRequestBytes = 110L * 1024 * 1024;

    /// <summary>Stores uploads for an owner; all or nothing: on the first refusal the files stored are removed and the French message returned.</summary>
    public async Task<string?> SaveAllAsync(string purpose, Guid ownerId, Guid classId, IReadOnlyList<IFormFile> uploads, CancellationToken ct = default)
    {
        var real = uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)).ToList();
        if (real.Count > MaxFiles)
        {
            return $"Joignez au plus {MaxFiles} fichiers à la fois.";
        }
        var a = await context.GetAsync(ct);
        var saved = new List<Guid>();
        foreach (var upload in real)
        {
            await using var stream = upload.OpenReadStream();
            var result = await files.SaveAsync(stream, upload.FileName, purpose, ownerId, QuotaScope.Class(classId), a.PersonId, ct);
            if (result.File is null)
            {
                foreach (var id in saved)
                {
                    await files.DeleteAsync(id, ct);
                }
                return result.Error;
            }
            saved.Add(result.File.Id);
        }
        return null;
    }

    /// <summary>Copies an entry's documents to another entry (another class's quota): the copy lives and dies with its entry.</summary>
    public async Task<string?> CopyAsync(Guid fromEntry, Guid toEntry, Guid toClass, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        foreach (var f in (await files.ListAsync(EntryPurpose, [fromEntry], ct))[fromEntry])
        {
            await using var opened = await files.OpenAsync(f.Id, ct);
            if (opened is null)
            {
                continue;
            }
            var result = await files.SaveAsync(opened.Content, f.Name, EntryPurpose, toEntry, QuotaScope.Class(toClass), a.PersonId, ct);
            if (result.Error is not null)
            {
                return result.Error;
            }
        }
        return null;
    }

    public Task<ILookup<Guid, FileInfoRow>> ListAsync(string purpose, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default) =>
        files.ListAsync(purpose, ownerIds, ct);

    public Task<OpenedFile?> OpenAsync(Guid fileId, CancellationToken ct = default) => files.OpenAsync(fileId, ct);

    public Task DeleteAsync(Guid fileId, CancellationToken ct = default) => files.DeleteAsync(fileId, ct);
}

/// <summary>An entry's documents: read by whoever may open the entry (the class's staff, the pupils it is for and their guardians).</summary>
internal sealed class EntryFileAccess(HomeworkBook book, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => HomeworkFiles.EntryPurpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) => await book.OpenAsync(ownerId, ct) is not null;

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.HomeworkEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
    }
}

/// <summary>A pupil's handed-in work: that pupil, their guardians and the class's staff only — not the other families.</summary>
internal sealed class SubmissionFileAccess(HomeworkBook book, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => HomeworkFiles.SubmissionPurpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default)
    {
        var submission = await db.HomeworkSubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ownerId, ct);
        return submission is not null && await book.OpenAsync(submission.EntryId, ct) is { } open
            && (open.View.IsStaff || open.View.OwnPupils.Contains(submission.PupilId));
    }

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.HomeworkSubmissions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
    }
}

internal static class SubmissionExtensions
{
    public static Submission? Of(this IEnumerable<Submission> submissions, Guid pupilId) => submissions.FirstOrDefault(s => s.PupilId == pupilId);
}
