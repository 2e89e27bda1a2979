using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Preau.Web.Modules.Home.Contracts;

/// <summary>
/// A statement of the home page whose results are kept in memory while nothing it reads changed in the places they were
/// asked for (ADR 0040, 0041). What it reads — the entities and the properties of each — is taken from the statement
/// itself, so that a rule added to it later is followed without anyone listing it again; a write to one of those is
/// placed by the first of <see cref="Places"/> the entity has (else by what it refers to, else everywhere) and makes
/// every result asked for that place be taken again.
/// </summary>
public sealed class RememberedStatement
{
    /// <param name="name">Names the statement in the cache, the metrics and the messages between instances.</param>
    /// <param name="query">The statement as compiled (its expression tree, templates expanded).</param>
    /// <param name="places">The properties that place a read entity, in order of preference (« ClassId », « PupilId »).</param>
    /// <param name="addedUnseen">
    /// Kinds the statement reaches only through another read kind that refers to them (a note through its classes): a
    /// new one changes nothing until that other row is added, itself placed.
    /// </param>
    /// <param name="wholeRows">Kinds the statement returns whole (every property read, not only those it names).</param>
    public RememberedStatement(string name, Expression query, IReadOnlyList<string> places, IEnumerable<Type>? addedUnseen = null,
        IEnumerable<Type>? wholeRows = null)
        : this(name, [query], places, addedUnseen, wholeRows)
    {
    }

    /// <summary>Several statements whose results are kept together (a page's data read in a few queries).</summary>
    public RememberedStatement(string name, IReadOnlyList<Expression> queries, IReadOnlyList<string> places, IEnumerable<Type>? addedUnseen = null,
        IEnumerable<Type>? wholeRows = null)
    {
        Name = name;
        Places = places;
        AddedUnseen = (addedUnseen ?? []).ToHashSet();
        var reads = ReadsOf(queries);
        foreach (var type in wholeRows ?? [])
        {
            reads[type] = null;
        }
        Reads = reads;
    }

    public string Name { get; }

    public IReadOnlyList<string> Places { get; }

    public IReadOnlySet<Type> AddedUnseen { get; }

    /// <summary>The entities the statement reads, each with the properties it reads of them (null: every one).</summary>
    public IReadOnlyDictionary<Type, IReadOnlySet<string>?> Reads { get; }

    /// <summary>The same statement without some of the kinds it reads (those whose writes are told otherwise).</summary>
    public RememberedStatement Without(params Type[] told) => new(this, told);

    private RememberedStatement(RememberedStatement from, Type[] told)
    {
        Name = from.Name;
        Places = from.Places;
        AddedUnseen = from.AddedUnseen;
        Reads = from.Reads.Where(r => !told.Contains(r.Key)).ToDictionary();
    }

    private static Dictionary<Type, IReadOnlySet<string>?> ReadsOf(IEnumerable<Expression> queries)
    {
        var finder = new ReadFinder();
        foreach (var query in queries)
        {
            finder.Visit(query);
        }
        return finder.Sets.ToDictionary(t => t, t => (IReadOnlySet<string>?)(finder.Members.GetValueOrDefault(t) ?? []));
    }

    private sealed class ReadFinder : ExpressionVisitor
    {
        public HashSet<Type> Sets { get; } = [];
        public Dictionary<Type, HashSet<string>> Members { get; } = [];

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Type.IsGenericType && node.Type.GetGenericTypeDefinition() == typeof(DbSet<>))
            {
                Sets.Add(node.Type.GetGenericArguments()[0]);
            }
            else if (node.Expression is { } owner)
            {
                (Members.TryGetValue(owner.Type, out var names) ? names : Members[owner.Type] = []).Add(node.Member.Name);
            }
            return base.VisitMember(node);
        }
    }
}

/// <summary>
/// Results of <see cref="RememberedStatement"/>s kept per owner (a person, a pupil) for up to 30 seconds, and only while
/// nothing the statement reads changed in the places they were asked for (ADR 0041).
/// </summary>
public interface IRememberedResults
{
    /// <summary>
    /// The result remembered for this owner when asked with the same <paramref name="parameters"/> (compared with
    /// Equals) and <paramref name="places"/> and still true; else <paramref name="run"/>'s, remembered. The result is
    /// shared by later requests: never changed by its users.
    /// </summary>
    Task<T> GetAsync<T>(RememberedStatement statement, Guid owner, object parameters, IReadOnlyCollection<Guid> places,
        Func<CancellationToken, Task<T>> run, CancellationToken ct = default) where T : class;
}
