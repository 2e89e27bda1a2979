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
    public async Task<LiaisonBoard> ForClassesAsync(IReadOnlyCollection<Guid> classIds, IReadOnlyCollection<Guid>? noteIds = null, CancellationToken ct = default)
    {
        var ids = classIds.ToList();
        var noteClasses = ids.Count == 0
            ? []
            : noteIds is null
                ? await db.LiaisonNoteClasses.AsNoTracking().Where(nc => ids.Contains(nc.ClassId)).ToListAsync(ct)
                : await db.LiaisonNoteClasses.AsNoTracking().Where(nc => ids.Contains(nc.ClassId) && noteIds.Contains(nc.NoteId)).ToListAsync(ct);
        return await LoadAsync(noteClasses, ids, null, ct);
    }

    /// <summary>
    /// What a family needs of these classes: the notes addressed to their children, those children, their guardians and
    /// the signatures for them — not the whole class's year with every family's signature, which every family of the
    /// class opening its class page in the evening would otherwise load.
    /// </summary>
    public async Task<LiaisonBoard> ForFamilyAsync(IReadOnlyCollection<Guid> classIds, IEnumerable<Guid> childIds, CancellationToken ct = default)
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
        return await LoadAsync(noteClasses, ids, children, ct);
    }

    /// <summary>The pupils of a class today, by name.</summary>
    public async Task<IReadOnlyList<LiaisonPupil>> PupilsOfClassAsync(Guid classId, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
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
        return await LoadAsync(noteClasses, noteClasses.Select(nc => nc.ClassId).Distinct().ToList(), null, ct);
    }

    /// <summary>For the home page: in each of these classes, how many signatures are still missing (one query).</summary>
    public async Task<Dictionary<Guid, int>> MissingSignaturesByClassAsync(IReadOnlyCollection<Guid> classIds, CancellationToken ct = default) =>
        await Unsigned(classIds.ToList(), null, null)
            .GroupBy(u => u.ClassId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>For the home page: how many notes this guardian still has to sign for each child, in the child's class (one query).</summary>
    public async Task<Dictionary<(Guid ChildId, Guid ClassId), int>> NotesToSignAsync(IReadOnlyCollection<Guid> classIds, IEnumerable<Guid> childIds, Guid guardianId, CancellationToken ct = default)
    {
        var children = childIds.ToList();
        if (children.Count == 0)
        {
            return [];
        }
        var rows = await Unsigned(classIds.ToList(), children, guardianId)
            .GroupBy(u => new { u.PupilId, u.ClassId })
            .Select(g => new { g.Key.PupilId, g.Key.ClassId, Count = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.PupilId, r.ClassId), r => r.Count);
    }

    private sealed class UnsignedNote
    {
        public Guid ClassId { get; init; }
        public Guid PupilId { get; init; }
    }

    private sealed class AddressedPair
    {
        public Guid ClassId { get; init; }
        public Guid PupilId { get; init; }
        public Guid NoteId { get; init; }
        public int Required { get; init; }
    }

    // One row per note and addressed pupil still short of signatures, by LiaisonBoard's rule (Addressed, Required,
    // IsSigned), counted by the database: the home page only shows counts, and every family and teacher opens it each
    // evening, so a year of notes and signatures must not cross the network for them. With a guardian, the notes they
    // signed themselves drop out too (MustSign).
    private IQueryable<UnsignedNote> Unsigned(List<Guid> classIds, List<Guid>? onlyPupils, Guid? guardianId)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var pupils = db.Memberships.AsNoTracking().Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
            && classIds.Contains(m.ScopeId!.Value) && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
        if (onlyPupils is not null)
        {
            pupils = pupils.Where(m => onlyPupils.Contains(m.PersonId));
        }
        var addressed = from nc in db.LiaisonNoteClasses.AsNoTracking()
                        where classIds.Contains(nc.ClassId)
                        join m in pupils on nc.ClassId equals m.ScopeId!.Value
                        join n in db.LiaisonNotes.AsNoTracking() on nc.NoteId equals n.Id
                        where n.ToWholeClass || db.LiaisonNoteRecipients.Any(r => r.NoteId == n.Id && r.PupilId == m.PersonId)
                        select new AddressedPair
                        {
                            ClassId = nc.ClassId,
                            PupilId = m.PersonId,
                            NoteId = n.Id,
                            Required = n.RequiresBothGuardians && db.GuardianLinks.Count(l => l.PupilId == m.PersonId) >= 2 ? 2 : 1,
                        };
        var acks = db.LiaisonAcknowledgements.AsNoTracking();
        if (onlyPupils is not null)
        {
            // A family's children have a few dozen notes: one index probe per note and child is the cheapest plan
            // (about half the time of the grouped join below on the 245-school territory).
            var guardian = guardianId ?? Guid.Empty;
            return from x in addressed
                   where !acks.Any(a => a.NoteId == x.NoteId && a.PupilId == x.PupilId && a.GuardianId == guardian)
                       && acks.Count(a => a.NoteId == x.NoteId && a.PupilId == x.PupilId) < x.Required
                   select new UnsignedNote { ClassId = x.ClassId, PupilId = x.PupilId };
        }
        // A teacher's classes have a year of notes for every pupil: the signatures are counted once per note and pupil
        // over these classes' notes (one range of the index per note), not probed pair by pair.
        var notesOfClasses = db.LiaisonNoteClasses.Where(nc => classIds.Contains(nc.ClassId)).Select(nc => nc.NoteId);
        var signatures = acks.Where(a => notesOfClasses.Contains(a.NoteId))
            .GroupBy(a => new { a.NoteId, a.PupilId })
            .Select(g => new { g.Key.NoteId, g.Key.PupilId, Count = g.Count() });
        return from x in addressed
               join s in signatures on new { x.NoteId, x.PupilId } equals new { s.NoteId, s.PupilId } into signed
               from s in signed.DefaultIfEmpty()
               // Translated as a column of the outer join: NULL, hence 0, for a pupil nobody signed for yet.
               let count = (int?)s!.Count ?? 0
               where count < x.Required
               select new UnsignedNote { ClassId = x.ClassId, PupilId = x.PupilId };
    }

    // onlyPupils: when given, only these pupils (a family's children) and what concerns them are loaded.
    private async Task<LiaisonBoard> LoadAsync(List<NoteClass> noteClasses, List<Guid> classIds, List<Guid>? onlyPupils, CancellationToken ct)
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
        var notes = await db.LiaisonNotes.AsNoTracking().Where(n => noteIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
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
        var today = Platform.Time.ParisDate.Today(time);
        var pupils = await (from m in memberships
                            where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value)
                                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                            join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                            orderby p.LastName, p.FirstName
                            select new LiaisonPupil(p.Id, p.FirstName, p.LastName, m.ScopeId!.Value)).ToListAsync(ct);
        var pupilIds = pupils.Select(p => p.Id).Distinct().ToList();
        var guardians = await (from l in db.GuardianLinks.AsNoTracking()
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
