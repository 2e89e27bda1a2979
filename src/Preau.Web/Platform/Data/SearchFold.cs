using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Preau.Web.Platform.Data;

/// <summary>
/// Search text folded to capitals without accents, so that « eloise » finds « Éloïse » and « ecole » « École » (people
/// type names on phones and skip accents). The same table serves the typed words (.NET), SQLite (an application-defined
/// function, <see cref="SqliteUnicodeCase"/>) and PostgreSQL (<c>translate</c> and <c>replace</c>, no extension to
/// install), so both databases answer alike (ADR 0027).
/// </summary>
public static class SearchFold
{
    /// <summary>Name of the function on SQLite.</summary>
    public const string SqliteFunction = "preau_fold";

    // Accented letters (capital and small: PostgreSQL's upper() folds non-ASCII letters only under a UTF-8 locale) and
    // the capital each becomes. Œ and Æ become two letters each, below.
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
    private const string Plain = "AAAAAACEEEEIIIINOOOOOOUUUUYYAAAAAACEEEEIIIINOOOOOOUUUUYY";
    private static readonly (string Ligature, string Letters)[] Ligatures = [("Œ", "OE"), ("œ", "OE"), ("Æ", "AE"), ("æ", "AE")];

    /// <summary>The folded text; in a query, translated for the database (never evaluated row by row in .NET).</summary>
    public static string Fold(string value)
    {
        var upper = value.ToUpperInvariant();
        var folded = new StringBuilder(upper.Length);
        foreach (var c in upper)
        {
            var i = Accented.IndexOf(c, StringComparison.Ordinal);
            if (i >= 0)
            {
                folded.Append(Plain[i]);
                continue;
            }
            var ligature = Array.FindIndex(Ligatures, l => l.Ligature[0] == c);
            folded.Append(ligature >= 0 ? Ligatures[ligature].Letters : c.ToString());
        }
        return folded.ToString();
    }

    /// <summary>A LIKE pattern for what a person typed: folded, without LIKE's wildcards, anywhere in the text.</summary>
    public static string Pattern(string? typed) =>
        "%" + Fold((typed ?? "").Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)) + "%";

    /// <summary>
    /// The SQL of a computed column holding <paramref name="text"/> for searches, read through <see cref="Folded"/>. On
    /// PostgreSQL it is stored already folded (its functions here are immutable, as a generated column requires), so
    /// searches compare it as it is. On SQLite it is the text itself: SQLite refuses the app's own functions in a
    /// generated column and cannot add a stored one to an existing table, so <see cref="Folded"/> folds it as it reads
    /// (its territories are small).
    /// </summary>
    internal static string ColumnSql(string text, bool postgres)
    {
        if (!postgres)
        {
            return text;
        }
        var folded = $"translate(upper({text}), '{Accented}', '{Plain}')";
        foreach (var (ligature, letters) in Ligatures)
        {
            folded = $"replace({folded}, '{ligature}', '{letters}')";
        }
        return folded;
    }

    /// <summary>A column declared with <see cref="ColumnSql"/>, folded: as it is on PostgreSQL, folded as read on SQLite.</summary>
    public static string Folded(string column) => Fold(column);

    /// <summary>Maps <see cref="Fold"/> in the model of one provider's context.</summary>
    internal static void Map(ModelBuilder builder, bool postgres)
    {
        var method = typeof(SearchFold).GetMethod(nameof(Fold), [typeof(string)])!;
        var folded = typeof(SearchFold).GetMethod(nameof(Folded), [typeof(string)])!;
        if (!postgres)
        {
            builder.HasDbFunction(method).HasName(SqliteFunction);
            builder.HasDbFunction(folded).HasName(SqliteFunction);
            return;
        }
        builder.HasDbFunction(folded).HasTranslation(args => args[0]);
        builder.HasDbFunction(method).HasTranslation(args =>
        {
            var text = args[0];
            SqlExpression Call(string name, params SqlExpression[] arguments) =>
                new SqlFunctionExpression(name, arguments, nullable: true, argumentsPropagateNullability: arguments.Select(_ => true), typeof(string), text.TypeMapping);
            SqlExpression Constant(string value) => new SqlConstantExpression(value, typeof(string), text.TypeMapping);
            var folded = Call("translate", Call("upper", text), Constant(Accented), Constant(Plain));
            foreach (var (ligature, letters) in Ligatures)
            {
                folded = Call("replace", folded, Constant(ligature), Constant(letters));
            }
            return folded;
        });
    }
}
