using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook;

public sealed record LiaisonPupil(Guid Id, string FirstName, string LastName, Guid ClassId)
{
    public string Name => $"{FirstName} {LastName}";

    /// <summary>A family's children enrolled in these classes, by name, from the person's (cached) access: no query.</summary>
    public static IReadOnlyList<LiaisonPupil> OfFamily(Access access, IEnumerable<Guid> classIds)
    {
        var classes = classIds.ToHashSet();
        var names = access.Children.ToDictionary(c => c.Id);
        return [.. access.ChildClasses.Where(c => classes.Contains(c.ClassId) && names.ContainsKey(c.PupilId))
            .Select(c => new LiaisonPupil(c.PupilId, names[c.PupilId].FirstName, names[c.PupilId].LastName, c.ClassId))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)];
    }
}

public sealed record LiaisonGuardian(Guid PupilId, Guid GuardianId, string FirstName, string LastName)
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

public sealed class LiaisonQueries(PreauDbContext db, TimeProvider time, IRememberedResults remembered)
{
    /// <summary>
    /// What a family needs of these classes: the notes addressed to their children, those children, their guardians and
    /// the signatures for them — not the whole class's year with every family's signature, which every family of the
    /// class opening its class page in the evening would otherwise load. The children (in these classes) come from
    /// the person's cached access (<see cref="LiaisonPupil.OfFamily"/>).
    /// </summary>
    public async Task<LiaisonBoard> ForFamilyAsync(IReadOnlyCollection<Guid> classIds, IReadOnlyList<LiaisonPupil> children, CancellationToken ct = default)
    {
        var ids = classIds.ToList();
        var childIds = children.Select(c => c.Id).Distinct().ToList();
        var notes = ids.Count == 0 || childIds.Count == 0 ? NoteSet.Empty : ToSet(await FamilyNotes(db, ids, childIds).ToListAsync(ct));
        return await LoadAsync(notes, ids, children, ct);
    }

    /// <summary>
    /// A page of a family's notes in a class (those addressed to their children, newest first) with what concerns the
    /// children, and how many there are in all. A family opens its child's cahier de liaison most evenings: the page is
    /// kept while nothing changes in the class or for the children (ADR 0041), shared by the child's guardians — only
    /// the page, not the year of notes it is taken from.
    /// </summary>
    public async Task<FamilyPage> FamilyPageAsync(Guid classId, IReadOnlyList<LiaisonPupil> children, int page, int pageSize, CancellationToken ct = default)
    {
        var childIds = children.Select(c => c.Id).Distinct().ToList();
        if (childIds.Count == 0)
        {
            return new FamilyPage(await LoadAsync(NoteSet.Empty, [classId], children, ct), [], 0);
        }
        var kept = await remembered.GetAsync(FamilyBoard, childIds[0], (classId, page, pageSize), [classId, .. childIds], async c =>
        {
            var board = await ForFamilyAsync([classId], children, c);
            var addressed = board.Notes.Values.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
                .Where(n => board.Addressed(n.Id).Any()).Select(n => n.Id).ToList();
            var shown = addressed.Skip((page - 1) * pageSize).Take(pageSize).ToHashSet();
            var trimmed = new LiaisonBoard
            {
                Notes = board.Notes.Where(n => shown.Contains(n.Key)).ToDictionary(),
                ClassesOf = board.ClassesOf.Where(g => shown.Contains(g.Key)).SelectMany(g => g.Select(v => (g.Key, v))).ToLookup(x => x.Key, x => x.v),
                RecipientsOf = board.RecipientsOf.Where(g => shown.Contains(g.Key)).SelectMany(g => g.Select(v => (g.Key, v))).ToLookup(x => x.Key, x => x.v),
                Acks = board.Acks.Where(g => shown.Contains(g.Key.NoteId)).SelectMany(g => g).ToLookup(x => (x.NoteId, x.PupilId)),
                GuardiansOf = board.GuardiansOf, Pupils = board.Pupils,
            };
            return new FamilyPage(trimmed, [.. addressed.Where(shown.Contains)], addressed.Count);
        }, ct);
        // The children's names come with the person's access, not with what was remembered.
        var current = new LiaisonBoard
        {
            Notes = kept.Board.Notes, ClassesOf = kept.Board.ClassesOf, RecipientsOf = kept.Board.RecipientsOf, GuardiansOf = kept.Board.GuardiansOf,
            Acks = kept.Board.Acks, Pupils = [.. children.Where(c => c.ClassId == classId)],
        };
        return kept with { Board = current };
    }

    /// <summary>The pupils of a class today, by name.</summary>
    public async Task<IReadOnlyList<LiaisonPupil>> PupilsOfClassAsync(Guid classId, CancellationToken ct = default) =>
        await PupilsByName(db, [classId], Platform.Time.ParisDate.Today(time)).ToListAsync(ct);

    /// <summary>One note with its classes (one query), or an empty set when it does not exist.</summary>
    public async Task<NoteSet> NoteAsync(Guid noteId, CancellationToken ct = default) => ToSet(await OneNote(db, noteId).ToListAsync(ct));

    /// <summary>
    /// The rest of a board for notes already read: every pupil of their classes (staff), or only these children (a
    /// family), with their guardians and signatures.
    /// </summary>
    public Task<LiaisonBoard> BoardAsync(NoteSet notes, IReadOnlyList<LiaisonPupil>? onlyChildren, CancellationToken ct = default) =>
        LoadAsync(notes, [.. notes.Classes.Select(nc => nc.ClassId).Distinct()], onlyChildren, ct);

    /// <summary>
    /// For a class's page as staff see it: for each of these notes, how many of the class's addressed pupils have all
    /// the signatures they need, and how many pupils it is addressed to (one query; no guardian or signature crosses
    /// the network).
    /// </summary>
    public async Task<Dictionary<Guid, (int Signed, int Total)>> SignatureCountsAsync(Guid classId, IReadOnlyCollection<Guid> noteIds, CancellationToken ct = default)
    {
        if (noteIds.Count == 0)
        {
            return [];
        }
        var rows = await SignatureCounts(db, [classId], [.. noteIds], Platform.Time.ParisDate.Today(time)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => (r.Signed, r.Total));
    }

    /// <summary>For the home page: in each of these classes, how many signatures are still missing (one query).</summary>
    public async Task<Dictionary<Guid, int>> MissingSignaturesByClassAsync(Guid personId, IReadOnlyCollection<Guid> classIds, CancellationToken ct = default)
    {
        var classes = classIds.ToList();
        var today = Platform.Time.ParisDate.Today(time);
        // A signature is placed by its pupil: the pupils of these classes are the places of the counts, themselves kept
        // while no enrolment in the classes changes.
        var pupils = await remembered.GetAsync(ClassPupils, personId, (today, classes.Count), classes,
            async c => await PupilIdsOf(db, classes, today).ToListAsync(c), ct);
        // Every teacher's home page asks this, over a year of notes: kept while nothing changes in their classes or for
        // their pupils (ADR 0041).
        return await remembered.GetAsync(StaffCounts, personId, (today, classes.Count), [.. classes, .. pupils], async c =>
        {
            var rows = await MissingByClass(db, classes, today).ToListAsync(c);
            return rows.ToDictionary(r => r.Key, r => r.Count);
        }, ct);
    }

    /// <summary>For the home page: how many notes this guardian still has to sign for each child, in the child's class (one query).</summary>
    public async Task<Dictionary<(Guid ChildId, Guid ClassId), int>> NotesToSignAsync(IReadOnlyCollection<Guid> classIds, IEnumerable<Guid> childIds, Guid guardianId, CancellationToken ct = default)
    {
        var children = childIds.ToList();
        if (children.Count == 0)
        {
            return [];
        }
        var classes = classIds.ToList();
        var today = Platform.Time.ParisDate.Today(time);
        // Every family's home page asks this each evening: kept while nothing changes in their children's classes or
        // for their children (notes added to a class, signatures, recipients, enrolments; ADR 0041).
        return await remembered.GetAsync(FamilyCounts, guardianId, (today, classes.Count), [.. classes, .. children], async c =>
        {
            var rows = await NotesToSign(db, classes, children, guardianId, today).ToListAsync(c);
            return rows.ToDictionary(r => (r.PupilId, r.ClassId), r => r.Count);
        }, ct);
    }

    private sealed class ClassNote
    {
        public Guid ClassId { get; init; }
        public Guid NoteId { get; init; }
        public bool ToWholeClass { get; init; }
        public bool RequiresBothGuardians { get; init; }
    }

    private sealed class AddressedPair
    {
        public Guid ClassId { get; init; }
        public Guid PupilId { get; init; }
        public Guid NoteId { get; init; }
        public int Required { get; init; }
    }

    private sealed class CountedPair
    {
        public Guid ClassId { get; init; }
        public Guid PupilId { get; init; }
        public Guid NoteId { get; init; }
        public int Required { get; init; }
        public int Signatures { get; init; }
    }

    private sealed record NoteCount(Guid Key, int Total, int Signed);

    private sealed record ClassCount(Guid Key, int Count);

    private sealed record ChildCount(Guid PupilId, Guid ClassId, int Count);

    // The counts are compiled queries (QueryTemplate): every family's and teacher's home page and every class page
    // run one. The rules below are written once and inlined into each.

    // The pupils of these classes on this day.
    private static readonly Expression<Func<PreauDbContext, List<Guid>, DateOnly, IQueryable<Membership>>> PupilsOf =
        (db, classIds, today) => db.Memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
            && classIds.Contains(m.ScopeId!.Value) && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));

    // One row per note and addressed pupil with the signatures the pupil's note needs, by LiaisonBoard's rule
    // (Addressed, Required), for the database to count: the home page and a class's page as staff see it only show
    // counts, and every family and teacher opens them each evening, so a year of notes and signatures must not cross
    // the network for them.
    private static readonly Expression<Func<PreauDbContext, IQueryable<NoteClass>, IQueryable<Membership>, IQueryable<AddressedPair>>> Addressed =
        (db, noteClasses, pupils) =>
            // Each note read once, then paired with the pupils: a class has a year of notes and the planner, which cannot
            // know that both sides are of the same classes, would otherwise read the note again for every pupil (7,000
            // index probes for a class of 35 with 200 notes on the 245-school territory). DISTINCT keeps it a step of
            // its own (the pairs of note and class are unique already).
            from n in (from nc in noteClasses
                       join n in db.LiaisonNotes on nc.NoteId equals n.Id
                       select new ClassNote { ClassId = nc.ClassId, NoteId = n.Id, ToWholeClass = n.ToWholeClass, RequiresBothGuardians = n.RequiresBothGuardians })
                .Distinct()
            join m in pupils on n.ClassId equals m.ScopeId!.Value
            where n.ToWholeClass || db.LiaisonNoteRecipients.Any(r => r.NoteId == n.NoteId && r.PupilId == m.PersonId)
            select new AddressedPair
            {
                ClassId = n.ClassId,
                PupilId = m.PersonId,
                NoteId = n.NoteId,
                Required = n.RequiresBothGuardians && db.GuardianLinks.Count(l => l.PupilId == m.PersonId) >= 2 ? 2 : 1,
            };

    // The signatures of each addressed pair (IsSigned is Signatures >= Required), for a page of notes: a few hundred
    // pairs, one index probe each is the cheapest plan (a third of the time of the grouped join below for a class's
    // page of ten notes on the 245-school territory).
    private static readonly Expression<Func<PreauDbContext, IQueryable<AddressedPair>, IQueryable<CountedPair>>> CountedByProbe =
        (db, addressed) =>
            from x in addressed
            select new CountedPair
            {
                ClassId = x.ClassId, PupilId = x.PupilId, NoteId = x.NoteId, Required = x.Required,
                Signatures = db.LiaisonAcknowledgements.Count(a => a.NoteId == x.NoteId && a.PupilId == x.PupilId),
            };

    // The same for a teacher's classes, which have a year of notes for every pupil: the signatures are counted once
    // per note and pupil over these classes' notes (one range of the index per note), not probed pair by pair.
    private static readonly Expression<Func<PreauDbContext, IQueryable<AddressedPair>, List<Guid>, IQueryable<CountedPair>>> CountedByClass =
        (db, addressed, classIds) =>
            from x in addressed
            join s in db.LiaisonAcknowledgements
                .Where(a => db.LiaisonNoteClasses.Where(nc => classIds.Contains(nc.ClassId)).Select(nc => nc.NoteId).Contains(a.NoteId))
                .GroupBy(a => new { a.NoteId, a.PupilId })
                .Select(g => new { g.Key.NoteId, g.Key.PupilId, Count = g.Count() })
                on new { x.NoteId, x.PupilId } equals new { s.NoteId, s.PupilId } into signed
            from s in signed.DefaultIfEmpty()
            select new CountedPair
            {
                ClassId = x.ClassId, PupilId = x.PupilId, NoteId = x.NoteId, Required = x.Required,
                // Translated as a column of the outer join: NULL, hence 0, for a pupil nobody signed for yet.
                Signatures = (int?)s!.Count ?? 0,
            };

    private static readonly Func<PreauDbContext, List<Guid>, List<Guid>, DateOnly, IAsyncEnumerable<NoteCount>> SignatureCounts =
        EF.CompileAsyncQuery(QueryTemplate.Expand<Func<PreauDbContext, List<Guid>, List<Guid>, DateOnly, IQueryable<NoteCount>>>((db, classIds, noteIds, today) =>
            CountedByProbe.Inline(db, Addressed.Inline(db,
                    db.LiaisonNoteClasses.Where(nc => classIds.Contains(nc.ClassId) && noteIds.Contains(nc.NoteId)),
                    PupilsOf.Inline(db, classIds, today)))
                .GroupBy(x => x.NoteId)
                .Select(g => new NoteCount(g.Key, g.Count(), g.Count(x => x.Signatures >= x.Required)))));

    private static readonly Expression<Func<PreauDbContext, List<Guid>, DateOnly, IQueryable<ClassCount>>> MissingByClassQuery =
        QueryTemplate.Expand<Func<PreauDbContext, List<Guid>, DateOnly, IQueryable<ClassCount>>>((db, classIds, today) =>
            CountedByClass.Inline(db, Addressed.Inline(db,
                    db.LiaisonNoteClasses.Where(nc => classIds.Contains(nc.ClassId)),
                    PupilsOf.Inline(db, classIds, today)), classIds)
                .Where(x => x.Signatures < x.Required)
                .GroupBy(x => x.ClassId)
                .Select(g => new ClassCount(g.Key, g.Count())));

    private static readonly Func<PreauDbContext, List<Guid>, DateOnly, IAsyncEnumerable<ClassCount>> MissingByClass = EF.CompileAsyncQuery(MissingByClassQuery);

    private static readonly Expression<Func<PreauDbContext, List<Guid>, DateOnly, IQueryable<Guid>>> PupilIdsQuery =
        QueryTemplate.Expand<Func<PreauDbContext, List<Guid>, DateOnly, IQueryable<Guid>>>((db, classIds, today) =>
            PupilsOf.Inline(db, classIds, today).Select(m => m.PersonId));

    private static readonly Func<PreauDbContext, List<Guid>, DateOnly, IAsyncEnumerable<Guid>> PupilIdsOf = EF.CompileAsyncQuery(PupilIdsQuery);

    /// <summary>The pupils of a teacher's classes, remembered: placed by their class (ADR 0041).</summary>
    internal static readonly RememberedStatement ClassPupils = new("liaison-class-pupils", PupilIdsQuery, ["ScopeId"]);

    /// <summary>
    /// The signatures missing in a teacher's classes, remembered (ADR 0041): placed like a family's notes to sign, the
    /// results asked for the classes and their pupils.
    /// </summary>
    internal static readonly RememberedStatement StaffCounts = new("liaison-missing", MissingByClassQuery, ["PupilId", "ClassId", "ScopeId"],
        addedUnseen: [typeof(Note)]);

    // A family's children have a few dozen notes: one index probe per note and child is the cheapest plan (about half
    // the time of the grouped join of CountedByClass on the 245-school territory). The notes the guardian signed
    // themselves drop out too (MustSign).
    private static readonly Expression<Func<PreauDbContext, List<Guid>, List<Guid>, Guid, DateOnly, IQueryable<ChildCount>>> NotesToSignQuery =
        QueryTemplate.Expand<Func<PreauDbContext, List<Guid>, List<Guid>, Guid, DateOnly, IQueryable<ChildCount>>>((db, classIds, children, guardianId, today) =>
            from x in Addressed.Inline(db,
                db.LiaisonNoteClasses.Where(nc => classIds.Contains(nc.ClassId)),
                PupilsOf.Inline(db, classIds, today).Where(m => children.Contains(m.PersonId)))
            where !db.LiaisonAcknowledgements.Any(a => a.NoteId == x.NoteId && a.PupilId == x.PupilId && a.GuardianId == guardianId)
                && db.LiaisonAcknowledgements.Count(a => a.NoteId == x.NoteId && a.PupilId == x.PupilId) < x.Required
            group x by new { x.PupilId, x.ClassId } into g
            select new ChildCount(g.Key.PupilId, g.Key.ClassId, g.Count()));

    private static readonly Func<PreauDbContext, List<Guid>, List<Guid>, Guid, DateOnly, IAsyncEnumerable<ChildCount>> NotesToSign =
        EF.CompileAsyncQuery(NotesToSignQuery);

    /// <summary>
    /// The family's counts of notes to sign, remembered (ADR 0041): a signature, a recipient or a guardian link is placed
    /// by its pupil, a note's class and an enrolment by their class; a new note changes nothing until its classes are
    /// added; a note changed or deleted afterwards, everywhere (rare: a teacher correcting a note).
    /// </summary>
    internal static readonly RememberedStatement FamilyCounts = new("liaison-to-sign", NotesToSignQuery, ["PupilId", "ClassId", "ScopeId"],
        addedUnseen: [typeof(Note)]);

    private sealed record NoteInClass(Guid ClassId, Note Note);

    private static NoteSet ToSet(List<NoteInClass> rows)
    {
        var notes = new Dictionary<Guid, Note>();
        foreach (var row in rows)
        {
            notes.TryAdd(row.Note.Id, row.Note);
        }
        return new NoteSet(notes, [.. rows.Select(r => new NoteClass { NoteId = r.Note.Id, ClassId = r.ClassId })]);
    }

    // The queries of a family's class page, a note's page and signing are compiled once, like the counts above. Each
    // query is a round trip: the notes come with their classes in one.
    private static readonly Expression<Func<PreauDbContext, IQueryable<NoteClass>, IQueryable<NoteInClass>>> WithNotes =
        (db, noteClasses) => from nc in noteClasses
                             join n in db.LiaisonNotes.AsNoTracking() on nc.NoteId equals n.Id
                             select new NoteInClass(nc.ClassId, n);

    // The note's own row says whether it is for the whole class: a second read of the notes in a subquery would let a
    // generic plan (ADR 0021) hash every note of the territory for each family.
    private static readonly Expression<Func<PreauDbContext, List<Guid>, List<Guid>, IQueryable<NoteInClass>>> FamilyNotesQuery =
        (db, classIds, childIds) =>
            from nc in db.LiaisonNoteClasses
            join n in db.LiaisonNotes.AsNoTracking() on nc.NoteId equals n.Id
            where classIds.Contains(nc.ClassId)
                && (n.ToWholeClass || db.LiaisonNoteRecipients.Any(r => r.NoteId == n.Id && childIds.Contains(r.PupilId)))
            select new NoteInClass(nc.ClassId, n);

    private static readonly Func<PreauDbContext, List<Guid>, List<Guid>, IAsyncEnumerable<NoteInClass>> FamilyNotes = EF.CompileAsyncQuery(FamilyNotesQuery);

    private static readonly Func<PreauDbContext, Guid, IAsyncEnumerable<NoteInClass>> OneNote = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, IQueryable<NoteInClass>>>((db, noteId) =>
            WithNotes.Inline(db, db.LiaisonNoteClasses.Where(nc => nc.NoteId == noteId))));

    private static readonly Func<PreauDbContext, List<Guid>, DateOnly, IAsyncEnumerable<LiaisonPupil>> PupilsByName = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, List<Guid>, DateOnly, IQueryable<LiaisonPupil>>>((db, classIds, today) =>
            from m in PupilsOf.Inline(db, classIds, today)
            join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
            orderby p.LastName, p.FirstName
            select new LiaisonPupil(p.Id, p.FirstName, p.LastName, m.ScopeId!.Value)));

    private static readonly Func<PreauDbContext, List<Guid>, IAsyncEnumerable<NoteRecipient>> RecipientsOfNotes = EF.CompileAsyncQuery(
        (PreauDbContext db, List<Guid> noteIds) => db.LiaisonNoteRecipients.AsNoTracking().Where(r => noteIds.Contains(r.NoteId)));

    private static readonly Expression<Func<PreauDbContext, List<Guid>, List<Guid>, IQueryable<NoteRecipient>>> RecipientsAmongQuery =
        (db, noteIds, pupilIds) => db.LiaisonNoteRecipients.AsNoTracking().Where(r => noteIds.Contains(r.NoteId) && pupilIds.Contains(r.PupilId));

    private static readonly Func<PreauDbContext, List<Guid>, List<Guid>, IAsyncEnumerable<NoteRecipient>> RecipientsAmong = EF.CompileAsyncQuery(RecipientsAmongQuery);

    private static readonly Func<PreauDbContext, List<Guid>, IAsyncEnumerable<Acknowledgement>> AcksOfNotes = EF.CompileAsyncQuery<PreauDbContext, List<Guid>, Acknowledgement>(
        (PreauDbContext db, List<Guid> noteIds) => db.LiaisonAcknowledgements.AsNoTracking().Where(a => noteIds.Contains(a.NoteId)).OrderBy(a => a.SignedAt));

    private static readonly Expression<Func<PreauDbContext, List<Guid>, List<Guid>, IQueryable<Acknowledgement>>> AcksAmongQuery =
        (db, noteIds, pupilIds) => db.LiaisonAcknowledgements.AsNoTracking().Where(a => noteIds.Contains(a.NoteId) && pupilIds.Contains(a.PupilId)).OrderBy(a => a.SignedAt);

    private static readonly Func<PreauDbContext, List<Guid>, List<Guid>, IAsyncEnumerable<Acknowledgement>> AcksAmong =
        EF.CompileAsyncQuery<PreauDbContext, List<Guid>, List<Guid>, Acknowledgement>(AcksAmongQuery);

    private static readonly Expression<Func<PreauDbContext, List<Guid>, IQueryable<LiaisonGuardian>>> GuardiansOfQuery =
        (db, pupilIds) =>
            from l in db.GuardianLinks.AsNoTracking()
            where pupilIds.Contains(l.PupilId)
            join p in db.Persons.AsNoTracking() on l.GuardianId equals p.Id
            orderby p.LastName, p.FirstName
            select new LiaisonGuardian(l.PupilId, p.Id, p.FirstName, p.LastName);

    private static readonly Func<PreauDbContext, List<Guid>, IAsyncEnumerable<LiaisonGuardian>> GuardiansOf = EF.CompileAsyncQuery(GuardiansOfQuery);

    /// <summary>
    /// A family's notes of a class with what concerns their children, remembered (ADR 0041): recipients, signatures and
    /// guardian links placed by pupil, a note's classes by class; notes, recipients and signatures read whole; a new note
    /// or person changes nothing until a row of the class or a link refers to it; a note or a guardian's name changed
    /// afterwards, everywhere (rare).
    /// </summary>
    internal static readonly RememberedStatement FamilyBoard = new("liaison-family-board",
        [FamilyNotesQuery, RecipientsAmongQuery, AcksAmongQuery, GuardiansOfQuery], ["PupilId", "ClassId", "ScopeId"],
        addedUnseen: [typeof(Note), typeof(Person)], wholeRows: [typeof(Note), typeof(NoteRecipient), typeof(Acknowledgement)]);

    // onlyChildren: when given, only these pupils (a family's children, already known) and what concerns them are loaded.
    private async Task<LiaisonBoard> LoadAsync(NoteSet set, List<Guid> classIds, IReadOnlyList<LiaisonPupil>? onlyChildren, CancellationToken ct)
    {
        var noteIds = set.Notes.Keys.ToList();
        if (noteIds.Count == 0)
        {
            return new LiaisonBoard
            {
                Notes = set.Notes, ClassesOf = set.Classes.ToLookup(x => x.NoteId, x => x.ClassId),
                RecipientsOf = Array.Empty<NoteRecipient>().ToLookup(x => x.NoteId, x => x.PupilId), Pupils = [],
                GuardiansOf = Array.Empty<LiaisonGuardian>().ToLookup(x => x.PupilId),
                Acks = Array.Empty<Acknowledgement>().ToLookup(x => (x.NoteId, x.PupilId)),
            };
        }
        // Recipients only matter for notes to chosen pupils; most notes go to the whole class.
        var toChosen = set.Notes.Values.Any(n => !n.ToWholeClass);
        IReadOnlyList<LiaisonPupil> pupils;
        List<NoteRecipient> recipients;
        List<Acknowledgement> acks;
        if (onlyChildren is not null)
        {
            var only = onlyChildren.Select(c => c.Id).Distinct().ToList();
            pupils = [.. onlyChildren.Where(c => classIds.Contains(c.ClassId))];
            recipients = toChosen ? await RecipientsAmong(db, noteIds, only).ToListAsync(ct) : [];
            acks = await AcksAmong(db, noteIds, only).ToListAsync(ct);
        }
        else
        {
            pupils = await PupilsByName(db, classIds, Platform.Time.ParisDate.Today(time)).ToListAsync(ct);
            recipients = toChosen ? await RecipientsOfNotes(db, noteIds).ToListAsync(ct) : [];
            acks = await AcksOfNotes(db, noteIds).ToListAsync(ct);
        }
        var pupilIds = pupils.Select(p => p.Id).Distinct().ToList();
        var guardians = pupilIds.Count == 0 ? [] : await GuardiansOf(db, pupilIds).ToListAsync(ct);
        return new LiaisonBoard
        {
            Notes = set.Notes,
            ClassesOf = set.Classes.ToLookup(x => x.NoteId, x => x.ClassId),
            RecipientsOf = recipients.ToLookup(x => x.NoteId, x => x.PupilId),
            Pupils = pupils,
            GuardiansOf = guardians.ToLookup(g => g.PupilId),
            Acks = acks.ToLookup(a => (a.NoteId, a.PupilId)),
        };
    }
}

/// <summary>A page of a family's notes: the board of these notes, their ids newest first, and how many notes in all.</summary>
public sealed record FamilyPage(LiaisonBoard Board, IReadOnlyList<Guid> NoteIds, int Total);

/// <summary>Notes read with the classes they went to.</summary>
public sealed record NoteSet(IReadOnlyDictionary<Guid, Note> Notes, IReadOnlyList<NoteClass> Classes)
{
    public static readonly NoteSet Empty = new(new Dictionary<Guid, Note>(), []);
}
