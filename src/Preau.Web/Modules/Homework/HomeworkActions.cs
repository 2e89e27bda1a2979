using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Modules.Homework.Pages;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework;

/// <summary>What teachers and families do in the cahier de textes. Callers pass an open class or entry (access already checked).</summary>
public sealed class HomeworkActions(PreauDbContext db, AccessContext context, HomeworkBook book, HomeworkFiles files, SubjectCatalog subjects,
    TimeProvider time, AuditTrail audit, INotifier notifier)
{
    public const string DeadlinePassed = "La date de remise est passée : le casier est fermé. Demande à ton enseignant de le rouvrir si besoin.";

    /// <summary>Writes an entry (its id may be chosen beforehand, when documents were stored for it first).</summary>
    public async Task<Guid> CreateAsync(ClassView view, EntryInput input, IReadOnlyCollection<Guid>? pupilIds, Guid? id = null, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var entry = new Entry
        {
            Id = id ?? Guid.NewGuid(), ClassId = view.ClassId, SubjectId = input.SubjectId, AuthorId = a.PersonId, Day = input.Day!.Value,
            Session = Clean(input.Session), Work = Clean(input.Work), DueOn = Clean(input.Work) is null ? null : input.DueOn,
            ToWholeClass = pupilIds is null, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (input.HandIn && entry.Work is not null && entry.DueOn is { } due)
        {
            entry.HandIn = true;
            entry.DueAt = HomeworkTime.ToUtc(due, input.DueTime ?? new TimeOnly(18, 0));
        }
        db.HomeworkEntries.Add(entry);
        if (pupilIds is not null)
        {
            db.HomeworkEntryPupils.AddRange(pupilIds.Distinct().Select(p => new EntryPupil { EntryId = entry.Id, PupilId = p }));
        }
        audit.Add(a.PersonId, "homework.entry", "HomeworkEntry", entry.Id, entry.HandIn ? "à rendre" : null);
        if (entry.Work is not null && entry.DueOn is { } dueOn)
        {
            // Work to do reaches the pupils and their families (feed, counter, e-mail by preference), with the entry.
            var subject = await db.HomeworkSubjects.AsNoTracking().Where(s => s.Id == entry.SubjectId).Select(s => s.Name).FirstAsync(ct);
            var pupils = pupilIds ?? [.. (await book.PupilsOfClassAsync(view.ClassId, ct)).Select(p => p.Id)];
            notifier.Enqueue(await WithGuardiansAsync(pupils, ct), NotificationKind.Homework,
                $"{(entry.HandIn ? "Travail à rendre" : "Travail à faire")} en {subject} pour {HomeworkTime.Day(dueOn)} ({view.ClassName})", $"/cahier-de-textes/{entry.Id}");
        }
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    /// <summary>Rewrites an entry from the edit form (access and rules checked by the page); its documents and casier stay.</summary>
    public async Task UpdateAsync(Guid entryId, EntryInput input, IReadOnlyCollection<Guid>? pupilIds, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var entry = await db.HomeworkEntries.FirstAsync(e => e.Id == entryId, ct);
        entry.SubjectId = input.SubjectId;
        entry.Day = input.Day!.Value;
        entry.Session = Clean(input.Session);
        entry.Work = Clean(input.Work);
        entry.DueOn = entry.Work is null ? null : input.DueOn;
        entry.HandIn = input.HandIn && entry.Work is not null && entry.DueOn is not null;
        entry.DueAt = entry.HandIn ? HomeworkTime.ToUtc(entry.DueOn!.Value, input.DueTime ?? new TimeOnly(18, 0)) : null;
        entry.ToWholeClass = pupilIds is null;
        // One transaction: the new list of pupils replaces the old one together with the texts.
        db.HomeworkEntryPupils.RemoveRange(await db.HomeworkEntryPupils.Where(p => p.EntryId == entryId).ToListAsync(ct));
        if (pupilIds is not null)
        {
            db.HomeworkEntryPupils.AddRange(pupilIds.Distinct().Select(p => new EntryPupil { EntryId = entryId, PupilId = p }));
        }
        audit.Add(a.PersonId, "homework.update", "HomeworkEntry", entryId, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes an entry and its documents; refused (with the French reason) once a pupil has handed in work.</summary>
    public async Task<string?> DeleteAsync(Guid entryId, CancellationToken ct = default)
    {
        if (await db.HomeworkSubmissions.AnyAsync(s => s.EntryId == entryId && s.SubmittedAt != default, ct))
        {
            return "Des élèves ont déjà rendu leur travail : l'entrée ne peut pas être supprimée. Vous pouvez la modifier.";
        }
        var a = await context.GetAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.HomeworkSubmissions.Where(s => s.EntryId == entryId).ExecuteDeleteAsync(ct);
        await db.HomeworkEntryPupils.Where(p => p.EntryId == entryId).ExecuteDeleteAsync(ct);
        await db.HomeworkEntries.Where(e => e.Id == entryId).ExecuteDeleteAsync(ct);
        audit.Add(a.PersonId, "homework.delete", "HomeworkEntry", entryId, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The documents go after the rows: a failure here leaves orphan files for the cleanup, never a broken entry.
        foreach (var f in (await files.ListAsync(HomeworkFiles.EntryPurpose, [entryId], ct))[entryId])
        {
            await files.DeleteAsync(f.Id, ct);
        }
        return null;
    }

    /// <summary>
    /// Puts files into a pupil's casier (by the pupil, or a guardian on their behalf). Null when done, else the French
    /// reason (deadline passed, file refused). Access to the pupil is the caller's (<see cref="OpenEntry.Own"/>).
    /// </summary>
    public async Task<string?> SubmitAsync(OpenEntry open, Guid pupilId, IReadOnlyList<IFormFile> uploads, CancellationToken ct = default)
    {
        if (!open.Entry.HandIn)
        {
            return "Ce travail n'est pas à rendre en ligne.";
        }
        if (!book.IsDropBoxOpen(open.Entry))
        {
            return DeadlinePassed;
        }
        if (uploads.All(u => u.Length == 0))
        {
            return "Choisis au moins un fichier à déposer.";
        }
        var submission = await db.HomeworkSubmissions.FirstOrDefaultAsync(s => s.EntryId == open.Entry.Id && s.PupilId == pupilId, ct);
        var created = submission is null;
        submission ??= new Submission { EntryId = open.Entry.Id, PupilId = pupilId };
        var error = await files.SaveAllAsync(HomeworkFiles.SubmissionPurpose, submission.Id, open.Entry.ClassId, uploads, ct);
        if (error is not null)
        {
            return error;
        }
        submission.SubmittedAt = time.GetUtcNow().UtcDateTime;
        if (created)
        {
            db.HomeworkSubmissions.Add(submission);
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The teacher's comment on a pupil's work, read by the pupil and their family.</summary>
    public async Task CommentAsync(OpenEntry open, Guid pupilId, string? comment, CancellationToken ct = default)
    {
        var submission = await db.HomeworkSubmissions.FirstOrDefaultAsync(s => s.EntryId == open.Entry.Id && s.PupilId == pupilId, ct);
        if (submission is null)
        {
            submission = new Submission { EntryId = open.Entry.Id, PupilId = pupilId };
            db.HomeworkSubmissions.Add(submission);
        }
        submission.Comment = Clean(comment);
        submission.CommentedAt = time.GetUtcNow().UtcDateTime;
        if (submission.Comment is not null)
        {
            notifier.Enqueue(await WithGuardiansAsync([pupilId], ct), NotificationKind.Homework,
                $"L'enseignant a commenté le travail rendu en {open.SubjectName}", $"/cahier-de-textes/{open.Entry.Id}");
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task SetReopenedAsync(Guid entryId, bool reopened, CancellationToken ct = default)
    {
        await db.HomeworkEntries.Where(e => e.Id == entryId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Reopened, reopened), ct);
    }

    /// <summary>
    /// Copies an entry to another class the teacher teaches: same day, texts, deadline and subject (found by name,
    /// created if the class lacks it), for the whole class; its documents are copied. Null when done, else why not.
    /// </summary>
    public async Task<(Guid? Id, string? Error)> CopyAsync(OpenEntry open, Guid targetClassId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var source = open.Entry;
        var targetSubjects = await subjects.EnsureAsync(targetClassId, ct);
        var subject = targetSubjects.FirstOrDefault(s => string.Equals(s.Name, open.SubjectName, StringComparison.OrdinalIgnoreCase));
        if (subject is null)
        {
            subject = new Subject { ClassId = targetClassId, Name = open.SubjectName, Position = targetSubjects.Count };
            db.HomeworkSubjects.Add(subject);
        }
        var copy = new Entry
        {
            ClassId = targetClassId, SubjectId = subject.Id, AuthorId = a.PersonId, Day = source.Day, Session = source.Session, Work = source.Work,
            DueOn = source.DueOn, HandIn = source.HandIn, DueAt = source.DueAt, ToWholeClass = true, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var error = await files.CopyAsync(source.Id, copy.Id, targetClassId, ct);
        if (error is not null)
        {
            foreach (var f in (await files.ListAsync(HomeworkFiles.EntryPurpose, [copy.Id], ct))[copy.Id])
            {
                await files.DeleteAsync(f.Id, ct);
            }
            return (null, error);
        }
        db.HomeworkEntries.Add(copy);
        audit.Add(a.PersonId, "homework.copy", "HomeworkEntry", copy.Id, $"copie de {source.Id}");
        await db.SaveChangesAsync(ct);
        return (copy.Id, null);
    }

    /// <summary>The pupils and their guardians, in one query.</summary>
    private async Task<IReadOnlyCollection<Guid>> WithGuardiansAsync(IReadOnlyCollection<Guid> pupilIds, CancellationToken ct)
    {
        var ids = pupilIds.ToList();
        var guardians = ids.Count == 0 ? [] : await db.GuardianLinks.AsNoTracking().Where(l => ids.Contains(l.PupilId)).Select(l => l.GuardianId).ToListAsync(ct);
        return [.. ids, .. guardians];
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
