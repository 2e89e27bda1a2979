using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook;

public sealed record LiaisonPupil(Guid Id, string FirstName, string LastName, Guid ClassId)
{
    public string Name => $"{FirstName} {LastName}";
}

public sealed record LiaisonGuardian(Guid PupilId, Guid GuardianId, string FirstName, string LastName, string? Email)
{
    public string Name => $"{FirstName} {LastName}";
}

/// <summary>
/// Notes with who they are addressed to and who signed, loaded in a fixed number of queries whatever the
/// number of notes, classes or pupils; every page and the home counts read signatures from here.
/// </summary>
public sealed class LiaisonBoard
{
    public required IReadOnlyDictionary<Guid, Note> Notes { get; init; }
    public required ILookup<Guid, Guid> ClassesOf { get; init; }
    public required ILookup<Guid, Guid> RecipientsOf { get; init; }
    public required IReadOnlyList<LiaisonPupil> Pupils { get; init; }
    public required ILookup<Guid, LiaisonGuardian> GuardiansOf { get; init; }
    public required ILookup<(Guid NoteId, Guid PupilId), Acknowledgement> Acks { get; init; }

    /// <summary>The pupils whose families receive the note (among the classes loaded).</summary>
    public IEnumerable<LiaisonPupil> Addressed(Guid noteId)
    {
        var note = Notes[noteId];
        var classes = ClassesOf[noteId].ToHashSet();
        var chosen = note.ToWholeClass ? null : RecipientsOf[noteId].ToHashSet();
        return Pupils.Where(p => classes.Contains(p.ClassId) && (chosen is null || chosen.Contains(p.Id)));
    }

    /// <summary>Signatures a pupil's note needs: one, or both guardians (two at most) when the note asks for both.</summary>
    public int Required(Guid noteId, Guid pupilId) =>
        Notes[noteId].RequiresBothGuardians ? Math.Clamp(GuardiansOf[pupilId].Count(), 1, 2) : 1;

    public bool IsSigned(Guid noteId, Guid pupilId) => Acks[(noteId, pupilId)].Count() >= Required(noteId, pupilId);

    public bool HasSigned(Guid noteId, Guid pupilId, Guid guardianId) => Acks[(noteId, pupilId)].Any(a => a.GuardianId == guardianId);

    /// <summary>Whether this guardian still has to sign for this child (not yet signed, and the note is not complete).</summary>
    public bool MustSign(Guid noteId, Guid pupilId, Guid guardianId) => !HasSigned(noteId, pupilId, guardianId) && !IsSigned(noteId, pupilId);

    public (int Signed, int Total) Count(Guid noteId, IReadOnlySet<Guid>? classes = null)
    {
        var pupils = Addressed(noteId).Where(p => classes is null || classes.Contains(p.ClassId)).ToList();
        return (pupils.Count(p => IsSigned(noteId, p.Id)), pupils.Count);
    }
}

public sealed class LiaisonQueries(PreauDbContext db, TimeProvider time)
{
    /// <summary>The notes of these classes, and these classes' pupils.</summary>
    // countsOnly: see LoadAsync (the home page's counts of a teacher's classes).
    public async Task<LiaisonBoard> ForClassesAsync(IReadOnlyCollection<Guid> classIds, IReadOnlyCollection<Guid>? noteIds = null, bool countsOnly = false, CancellationToken ct = default)
    {
        var ids = classIds.ToList();
        var noteClasses = ids.Count == 0
            ? []
            : noteIds is null
                ? await db.LiaisonNoteClasses.AsNoTracking().Where(nc => ids.Contains(nc.ClassId)).ToListAsync(ct)
                : await db.LiaisonNoteClasses.AsNoTracking().Where(nc => ids.Contains(nc.ClassId) && noteIds.Contains(nc.NoteId)).ToListAsync(ct);
        return await LoadAsync(noteClasses, ids, null, countsOnly, ct);
    }

    /// <summary>
    /// What a family needs of these classes: the notes addressed to their children, those children, their guardians and
    /// the signatures for them — not the whole class's year with every family's signature, which the home page of every
    /// family of the class would otherwise load each evening.
    /// </summary>
    // countsOnly: see LoadAsync (the home page's counts).
    public async Task<LiaisonBoard> ForFamilyAsync(IReadOnlyCollection<Guid> classIds, IEnumerable<Guid> childIds, bool countsOnly = false, CancellationToken ct = default)
    {
        var ids = classIds.ToList();
        var children = childIds.ToList();
        var noteClasses = ids.Count == 0 || children.Count == 0
            ? []
            : await db.LiaisonNoteClasses.AsNoTracking()
                .Where(nc => ids.Contains(nc.ClassId)
                    && (db.LiaisonNotes.Any(n => n.Id == nc.NoteId && n.ToWholeClass)
                        || db.LiaisonNoteRecipients.Any(r => r.NoteId == nc.NoteId && children.Contains(r.PupilId))))
                .ToListAsync(ct);
        return await LoadAsync(noteClasses, ids, children, countsOnly, ct);
    }

    /// <summary>The pupils of a class today, by name.</summary>
    public async Task<IReadOnlyList<LiaisonPupil>> PupilsOfClassAsync(Guid classId, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await (from m in db.Memberships.AsNoTracking()
                      where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == classId
                          && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                      join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                      orderby p.LastName, p.FirstName
                      select new LiaisonPupil(p.Id, p.FirstName, p.LastName, classId)).ToListAsync(ct);
    }

    /// <summary>One note with all its classes, or only those given (a teacher sees the classes they teach).</summary>
    public async Task<LiaisonBoard> ForNoteAsync(Guid noteId, CancellationToken ct = default)
    {
        var noteClasses = await db.LiaisonNoteClasses.AsNoTracking().Where(nc => nc.NoteId == noteId).ToListAsync(ct);
        return await LoadAsync(noteClasses, noteClasses.Select(nc => nc.ClassId).Distinct().ToList(), null, false, ct);
    }

    // onlyPupils: when given, only these pupils (a family's children) and what concerns them are loaded.
    // countsOnly: who must sign and who did, for the home page's counts: the notes without their texts (a year of
    // bodies otherwise crosses the network for every home page), guardians only for notes that need both signatures.
    private async Task<LiaisonBoard> LoadAsync(List<NoteClass> noteClasses, List<Guid> classIds, List<Guid>? onlyPupils, bool countsOnly, CancellationToken ct)
    {
        var noteIds = noteClasses.Select(nc => nc.NoteId).Distinct().ToList();
        if (noteIds.Count == 0)
        {
            return new LiaisonBoard
            {
                Notes = new Dictionary<Guid, Note>(), ClassesOf = noteClasses.ToLookup(x => x.NoteId, x => x.ClassId),
                RecipientsOf = Array.Empty<NoteRecipient>().ToLookup(x => x.NoteId, x => x.PupilId), Pupils = [],
                GuardiansOf = Array.Empty<LiaisonGuardian>().ToLookup(x => x.PupilId),
                Acks = Array.Empty<Acknowledgement>().ToLookup(x => (x.NoteId, x.PupilId)),
            };
        }
        var noteRows = db.LiaisonNotes.AsNoTracking().Where(n => noteIds.Contains(n.Id));
        var notes = countsOnly
            ? await noteRows.Select(n => new Note
            {
                Id = n.Id, SchoolId = n.SchoolId, AuthorId = n.AuthorId, Title = "", Body = "", CreatedAt = n.CreatedAt,
                RequiresBothGuardians = n.RequiresBothGuardians, ToWholeClass = n.ToWholeClass,
            }).ToDictionaryAsync(n => n.Id, ct)
            : await noteRows.ToDictionaryAsync(n => n.Id, ct);
        var recipientRows = db.LiaisonNoteRecipients.AsNoTracking().Where(r => noteIds.Contains(r.NoteId));
        var memberships = db.Memberships.AsNoTracking();
        var ackRows = db.LiaisonAcknowledgements.AsNoTracking().Where(a => noteIds.Contains(a.NoteId));
        if (onlyPupils is not null)
        {
            recipientRows = recipientRows.Where(r => onlyPupils.Contains(r.PupilId));
            memberships = memberships.Where(m => onlyPupils.Contains(m.PersonId));
            ackRows = ackRows.Where(a => onlyPupils.Contains(a.PupilId));
        }
        // Each query is a round trip: recipients only matter for notes to chosen pupils, most notes go to the whole class.
        var recipients = notes.Values.Any(n => !n.ToWholeClass) ? await recipientRows.ToListAsync(ct) : [];
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var pupils = await (from m in memberships
                            where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value)
                                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                            join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                            orderby p.LastName, p.FirstName
                            select new LiaisonPupil(p.Id, p.FirstName, p.LastName, m.ScopeId!.Value)).ToListAsync(ct);
        var pupilIds = pupils.Select(p => p.Id).Distinct().ToList();
        var guardians = countsOnly && !notes.Values.Any(n => n.RequiresBothGuardians) ? [] : await (from l in db.GuardianLinks.AsNoTracking()
                               where pupilIds.Contains(l.PupilId)
                               join p in db.Persons.AsNoTracking() on l.GuardianId equals p.Id
                               join u in db.Users.AsNoTracking() on p.Id equals u.Id into pu
                               from u in pu.DefaultIfEmpty()
                               orderby p.LastName, p.FirstName
                               select new LiaisonGuardian(l.PupilId, p.Id, p.FirstName, p.LastName, u == null ? null : u.Email)).ToListAsync(ct);
        var acks = await ackRows.OrderBy(a => a.SignedAt).ToListAsync(ct);
        return new LiaisonBoard
        {
            Notes = notes,
            ClassesOf = noteClasses.ToLookup(x => x.NoteId, x => x.ClassId),
            RecipientsOf = recipients.ToLookup(x => x.NoteId, x => x.PupilId),
            Pupils = pupils,
            GuardiansOf = guardians.ToLookup(g => g.PupilId),
            Acks = acks.ToLookup(a => (a.NoteId, a.PupilId)),
        };
    }
}
