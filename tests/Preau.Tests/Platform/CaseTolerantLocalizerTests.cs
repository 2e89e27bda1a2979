using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Preau.Web;
using Preau.Web.Platform.Localization;

namespace Preau.Tests.Platform;

public sealed class CaseTolerantLocalizerTests
{
    private static IStringLocalizer Shared() =>
        new CaseTolerantLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    [Fact]
    public void OnEnglishPages_BothCasesOfAKey_AreTranslated_WithTheKeysCase()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            var l = Shared();
            // The file keeps « Année » and « Écoles » only (TranslationTests); both cases still translate.
            Assert.Equal("Year", l["Année"].Value);
            Assert.Equal("year", l["année"].Value);
            Assert.False(l["année"].ResourceNotFound);
            Assert.Equal("Schools", l["Écoles"].Value);
            Assert.True(l["Texte qui n'existe pas"].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void OnFrenchPages_TheKeyIsTheText()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("fr-FR");
        try
        {
            Assert.Equal("année", Shared()["année"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
