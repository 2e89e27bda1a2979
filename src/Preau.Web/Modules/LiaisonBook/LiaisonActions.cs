using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook;

/// <summary>One note as the current person may see it: the classes they follow as staff, the children they sign for as a guardian.</summary>
public sealed class OpenNote
{
    public required Note Note { get; init; }
    public required LiaisonBoard Board { get; init; }
    public required IReadOnlySet<Guid> StaffClasses { get; init; }
    public required IReadOnlyList<LiaisonPupil> OwnChildren { get; init; }
    public bool IsStaff => StaffClasses.Count > 0;

    /// <summary>The pupils the person follows as staff (all the note's classes for a director or an administrator).</summary>
    public IReadOnlyList<LiaisonPupil> StaffPupils => [.. Board.Addressed(Note.Id).Where(p => StaffClasses.Contains(p.ClassId))];
}

public enum SignOutcome { Signed, AlreadySigned, AnswerMissing }

/// <summary>What families and teachers do with a note: open it, sign it, remind, reply. Access checked here, 404 otherwise.</summary>
public sealed class LiaisonActions(PreauDbContext db, LiaisonQueries queries, AccessContext context, TimeProvider time,
    AuditTrail audit, INotifier notifier, IServiceSwitches switches)
{
    public async Task<OpenNote?> OpenAsync(Guid noteId, CancellationToken ct = default)
    {
        var set = await queries.NoteAsync(noteId, ct);
        if (!set.Notes.TryGetValue(noteId, out var note))
        {
            return null;
        }
        var a = await context.GetAsync(ct);
        var classes = set.Classes.Select(nc => nc.ClassId).Distinct().ToList();
        // A note to several classes stays readable in those that keep their cahier de liaison on.
        var off = await switches.OffAmongAsync(ServiceKeys.Liaison, ScopeType.Class, classes, ct);
        if (off.Count > 0)
        {
            classes = [.. classes.Where(c => !off.Contains(c))];
            if (classes.Count == 0)
            {
                await switches.IsOnAsync(ServiceKeys.Liaison, ScopeType.Class, off.First(), ct);
                return null;
            }
        }
        var staff = a.IsTerritoryAdmin || a.IsDirectorOf(note.SchoolId) ? classes.ToHashSet() : classes.Where(a.TeachesClass).ToHashSet();
        // A family (who signs from here) loads only their own children's part of the note, not every family's of the class.
        var ownChildren = LiaisonPupil.OfFamily(a, classes);
        if (staff.Count == 0 && ownChildren.Count == 0)
        {
            return null;
        }
        var board = await queries.BoardAsync(set, staff.Count > 0 ? null : ownChildren, ct);
        var children = board.Addressed(noteId).Where(p => a.IsChild(p.Id)).ToList();
        if (staff.Count == 0 && children.Count == 0)
        {
            return null;
        }
        return new OpenNote { Note = note, Board = board, StaffClasses = staff, OwnChildren = children };
    }

    /// <summary>"Vu et signé" by the current guardian for one child; null when the note or the child is not theirs.</summary>
    public async Task<SignOutcome?> SignAsync(Guid noteId, Guid pupilId, string? answer, CancellationToken ct = default)
    {
        var open = await OpenAsync(noteId, ct);
        if (open is null || open.OwnChildren.All(c => c.Id != pupilId))
        {
            return null;
        }
        var a = await context.GetAsync(ct);
        if (open.Board.HasSigned(noteId, pupilId, a.PersonId) || open.Board.IsSigned(noteId, pupilId))
        {
            return SignOutcome.AlreadySigned;
        }
        var choices = open.Note.ChoiceList;
        answer = answer?.Trim();
        if (choices.Count > 0 && (answer is null || !choices.Contains(answer)))
        {
            return SignOutcome.AnswerMissing;
        }
        db.LiaisonAcknowledgements.Add(new Acknowledgement
        {
            NoteId = noteId, PupilId = pupilId, GuardianId = a.PersonId, SignedAt = time.GetUtcNow().UtcDateTime,
            Answer = choices.Count > 0 ? answer : null,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double click that raced the first: the unique index kept one signature.
            return SignOutcome.AlreadySigned;
        }
        return SignOutcome.Signed;
    }

    /// <summary>
    /// Reminds the guardians who still have to sign, in the classes the person follows: a notification each (feed, live
    /// counter, e-mail per their preference), committed with the audit line. The notification carries no note content.
    /// </summary>
    public async Task<int> RemindAsync(OpenNote open, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var noteId = open.Note.Id;
        var guardians = open.StaffPupils
            .SelectMany(p => open.Board.GuardiansOf[p.Id].Where(g => open.Board.MustSign(noteId, p.Id, g.GuardianId)))
            .Select(g => g.GuardianId).Distinct().ToList();
        notifier.Enqueue(guardians, NotificationKind.LiaisonReminder, "Un mot du cahier de liaison attend votre signature", $"/liaison/{noteId}");
        audit.Add(a.PersonId, "liaison.reminder", "LiaisonNote", noteId, $"{guardians.Count} responsable(s) relancé(s)");
        await db.SaveChangesAsync(ct);
        return guardians.Count;
    }

    /// <summary>
    /// Writes a note for the classes (and, when given, only these pupils); access checked by the page. The id may be
    /// chosen beforehand, when attachments were stored for it first.
    /// </summary>
    public async Task<Guid> CreateAsync(Guid schoolId, IReadOnlyCollection<Guid> classIds, IReadOnlyCollection<Guid>? pupilIds, Notes.NoteInput input, CancellationToken ct = default, Guid? noteId = null)
    {
        var a = await context.GetAsync(ct);
        var question = string.IsNullOrWhiteSpace(input.Question) ? null : input.Question.Trim();
        var note = new Note
        {
            Id = noteId ?? Guid.NewGuid(),
            SchoolId = schoolId, AuthorId = a.PersonId, Title = input.Title.Trim(), Body = input.Body.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime, RequiresBothGuardians = input.RequiresBothGuardians,
            ToWholeClass = pupilIds is null, Question = question, Choices = input.NormalizedChoices(),
        };
        db.LiaisonNotes.Add(note);
        db.LiaisonNoteClasses.AddRange(classIds.Distinct().Select(c => new NoteClass { NoteId = note.Id, ClassId = c }));
        if (pupilIds is not null)
        {
            db.LiaisonNoteRecipients.AddRange(pupilIds.Distinct().Select(p => new NoteRecipient { NoteId = note.Id, PupilId = p }));
        }
        audit.Add(a.PersonId, "liaison.note", "LiaisonNote", note.Id, $"{classIds.Count} classe(s)");
        // The families of the addressed pupils, in one query; their notifications commit with the note.
        var guardians = await FamiliesAsync(classIds, pupilIds, ct);
        notifier.Enqueue(guardians, NotificationKind.LiaisonNote, $"Nouveau mot du cahier de liaison : {note.Title}", $"/liaison/{note.Id}");
        await db.SaveChangesAsync(ct);
        return note.Id;
    }

    /// <summary>The guardians of the pupils enrolled today in these classes (only the chosen pupils when given).</summary>
    private async Task<List<Guid>> FamiliesAsync(IReadOnlyCollection<Guid> classIds, IReadOnlyCollection<Guid>? pupilIds, CancellationToken ct)
    {
        var classes = classIds.Distinct().ToList();
        var chosen = pupilIds?.Distinct().ToList();
        var today = Platform.Time.ParisDate.Today(time);
        var pupils = db.Memberships.AsNoTracking()
            .Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classes.Contains(m.ScopeId!.Value)
                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
        if (chosen is not null)
        {
            pupils = pupils.Where(m => chosen.Contains(m.PersonId));
        }
        return await (from m in pupils
                      join l in db.GuardianLinks.AsNoTracking() on m.PersonId equals l.PupilId
                      select l.GuardianId).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// A reply in the private thread of one pupil's family: by one of its guardians, or by the staff of the class
    /// answering them (the family is then notified, with the note's title only). Nobody else reads that thread.
    /// </summary>
    public async Task<bool> ReplyAsync(OpenNote open, Guid pupilId, string text, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var asFamily = open.OwnChildren.Any(c => c.Id == pupilId);
        if (!asFamily && !open.StaffPupils.Any(p => p.Id == pupilId))
        {
            return false;
        }
        db.LiaisonReplies.Add(new Reply { NoteId = open.Note.Id, PupilId = pupilId, AuthorId = a.PersonId, Text = text.Trim(), At = time.GetUtcNow().UtcDateTime });
        if (!asFamily)
        {
            var family = open.Board.GuardiansOf[pupilId].Select(g => g.GuardianId).Where(g => g != a.PersonId).Distinct().ToList();
            notifier.Enqueue(family, NotificationKind.LiaisonNote, $"Réponse de l'école sur le mot : {open.Note.Title}", $"/liaison/{open.Note.Id}");
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public static class LiaisonFormat
{
    /// <summary>"mardi 3 mars à 18:05", in the school's time zone.</summary>
    public static string At(DateTime utc) =>
        Platform.Time.ParisDate.ToParis(utc).ToString("dddd d MMMM 'à' HH:mm");

    public static string Day(DateTime utc) =>
        Platform.Time.ParisDate.ToParis(utc).ToString("dddd d MMMM");
}
