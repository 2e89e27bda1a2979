using Preau.Web.Platform.Data;

namespace Preau.Tests.Platform;

public sealed class SearchFoldTests
{
    [Theory]
    [InlineData("Éloïse", "ELOISE")]
    [InlineData("françois-xavier", "FRANCOIS-XAVIER")]
    [InlineData("Lætitia Cœur", "LAETITIA COEUR")]
    [InlineData("ŒUVRE Ÿ ÿ ñ ø", "OEUVRE Y Y N O")]
    [InlineData("École n°2 — 70000", "ECOLE N°2 — 70000")]
    public void Fold_GivesCapitalsWithoutAccents(string typed, string folded) => Assert.Equal(folded, SearchFold.Fold(typed));

    [Fact]
    public void Pattern_DropsLikeWildcards_AndMatchesAnywhere() => Assert.Equal("%ELOISE%", SearchFold.Pattern("  élo%ï_se "));
}
