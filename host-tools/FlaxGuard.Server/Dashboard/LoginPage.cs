using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

public static class LoginPage
{
    public static SafeHtml Render(AntiforgeryField token, bool passwordSet, string? error)
    {
        if (!passwordSet)
            return H($"""
                <h1>Login required</h1>
                <p class="error">This dashboard is reachable beyond this machine (or login was required), but no dashboard password is set.</p>
                <p>On the host, run <code>flaxguard dashboard password</code> (with the same <code>--data-dir</code> as <code>serve</code>), then reload this page.</p>
                """);
        var problem = error is null ? SafeHtml.Empty : H($"<p class=\"error\" role=\"alert\">{error}</p>");
        return H($"""
            <h1>Log in</h1>
            {problem}
            <form class="login" method="post" action="/dashboard/login">{token.Html}
            <label for="password">Dashboard password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
            <button type="submit" class="primary">Log in</button>
            </form>
            """);
    }
}
