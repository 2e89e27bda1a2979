using Preau.Web.Modules.Accounts;

namespace Preau.Tests.Accounts;

public sealed class LoginNamesTests
{
    [Theory]
    [InlineData("Léa", "Lefèvre", "lea.lefevre")]
    [InlineData("Jean-Noël", "D'Hérouville", "jean-noel.d-herouville")]
    [InlineData("Chloé", "Œuvray", "chloe.oeuvray")]
    [InlineData("  Éthan ", "Nguyễn", "ethan.nguyen")]
    [InlineData("Marie Claire", "de La Tour", "marie-claire.de-la-tour")]
    public void Base_FoldsAccentsAndPunctuation(string first, string last, string expected) =>
        Assert.Equal(expected, LoginNames.Base(first, last));

    [Fact]
    public void Base_WithoutAnyLetter_FallsBackToGenericName() => Assert.Equal("utilisateur", LoginNames.Base("", "--"));
}
