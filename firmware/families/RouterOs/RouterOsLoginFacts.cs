using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// How the router's own SSH server and logins can be used: /ip/ssh (cfg.ssh.forwarding while port forwarding is on:
    /// SSH tunnels through the router, how KV-botnet and Flax Typhoon style relays use it; cfg.ssh.password-login when
    /// password login is always allowed, even for users with a key; cfg.ssh.weak-crypto while strong-crypto is off) and
    /// RADIUS (cfg.radius.server.ADDRESS = the services it authenticates; cfg.radius.login.ADDRESS when /user/aaa sends
    /// router logins to it: whoever runs that server decides who logs in as what). The RADIUS secret is never asked for.
    /// Field names from MikroTik's manual (IP/SSH, RADIUS, User AAA) and community.routeros's _api_data.py (ip/ssh,
    /// radius, user/aaa).
    /// </summary>
    public static class RouterOsLoginFacts
    {
        /// <summary>/ip/ssh ("forwarding-enabled" is yes/no before 7.x and no/both/local/remote since).</summary>
        public static string FromSsh(JsonValue ssh, RouterOsFactBuffer facts)
        {
            string forwarding = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(ssh, "forwarding-enabled"), 16);
            int flag = RouterOsText.Flag(forwarding);
            if (forwarding.Length > 0 && flag != 0) facts.Add("cfg.ssh.forwarding", flag == 1 ? "yes" : forwarding, FactKind.Config);
            string problem = null;
            bool alwaysPassword = RouterOsShape.IsSetChecked(ssh, "always-allow-password-login", false, ref problem);
            // Releases without the setting have no weaker mode to report.
            bool strong = RouterOsShape.IsSetChecked(ssh, "strong-crypto", true, ref problem);
            if (problem != null) return "the SSH settings: " + problem;
            if (alwaysPassword) facts.Add("cfg.ssh.password-login", "always", FactKind.Config);
            if (!strong) facts.Add("cfg.ssh.weak-crypto", "allowed", FactKind.Config);
            return null;
        }

        /// <summary>
        /// /radius, read with .proplist=address,service,disabled: cfg.radius.server.ADDRESS = the services, sorted. Returns
        /// the addresses of enabled servers that authenticate "login" (null when none), for <see cref="FromUserAaa"/>.
        /// </summary>
        public static ArrayList FromRadius(JsonValue servers, RouterOsFactBuffer facts, out string problem)
        {
            problem = null;
            ArrayList login = null;
            for (int i = 0; i < servers.Count; i++)
            {
                JsonValue server = servers.Item(i);
                bool disabled = RouterOsShape.IsSetChecked(server, "disabled", false, ref problem);
                if (problem != null)
                {
                    problem = "RADIUS server " + (i + 1).ToString() + ": " + problem;
                    return null;
                }
                if (disabled) continue;
                string address = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(server, "address"), 64);
                if (address.Length == 0)
                {
                    problem = "RADIUS server " + (i + 1).ToString() + " has no address";
                    return null;
                }
                string services = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(server, "service"));
                string key = facts.Text.Clear().Append("cfg.radius.server.").AppendKeySegment(address, 64).ToString();
                facts.Add(key, services.Length == 0 ? "none" : FactText.Clean(services, 100), FactKind.Config);
                if (("," + services + ",").IndexOf(",login,") < 0) continue;
                if (login == null) login = new ArrayList();
                login.Add(address);
            }
            return login;
        }

        /// <summary>
        /// /user/aaa: while "use-radius" is on, cfg.radius.user-login = "on default-group=GROUP" and cfg.radius.login.ADDRESS
        /// for each login server <see cref="FromRadius"/> found.
        /// </summary>
        public static string FromUserAaa(JsonValue aaa, ArrayList loginServers, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool useRadius = RouterOsShape.IsSetChecked(aaa, "use-radius", false, ref problem);
            if (problem != null) return "the user AAA settings: " + problem;
            if (!useRadius) return null;
            string group = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(aaa, "default-group"), 32);
            facts.Add("cfg.radius.user-login", facts.Text.Clear().Append("on default-group=").Append(group.Length == 0 ? "read" : group).ToString(), FactKind.Config);
            for (int i = 0; i < loginServers.Count; i++)
            {
                facts.Add(facts.Text.Clear().Append("cfg.radius.login.").AppendKeySegment((string)loginServers[i], 64).ToString(), "router logins", FactKind.Config);
            }
            return null;
        }
    }
}
