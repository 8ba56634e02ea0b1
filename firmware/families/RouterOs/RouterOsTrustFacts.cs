using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// What the router trusts, runs and hides (issue 13, third round): trusted certificate authorities
    /// (cfg.cert.ca.FINGERPRINT16 = common name; a CA added by an intruder lets it intercept the router's own TLS),
    /// IPsec peers and identities (cfg.ipsec.peer.NAME, cfg.ipsec.identity.PEER; never a secret, key or password: the
    /// probe's .proplist leaves them out), RouterOS 7 containers (cfg.container.NAME = image), the password policy
    /// (cfg.password.min-length|min-categories) and which topics each logging action receives (cfg.log.to.ACTION = topics:
    /// a rule switched off or removed shows as a changed or missing action, the way intruders hide). Field names from
    /// community.routeros's _api_data.py (certificate, ip/ipsec/peer|identity, container, user/settings,
    /// system/logging) and the REST form of /certificate in terraform-provider-routeros ("authority", "trusted",
    /// "fingerprint" as read-only members).
    /// </summary>
    public static class RouterOsTrustFacts
    {
        /// <summary>/certificate, read with .proplist=name,common-name,fingerprint,authority,trusted.</summary>
        public static string FromCertificates(JsonValue certificates, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < certificates.Count; i++)
            {
                JsonValue certificate = certificates.Item(i);
                string problem = null;
                bool authority = RouterOsShape.IsSetChecked(certificate, "authority", false, ref problem);
                bool trusted = RouterOsShape.IsSetChecked(certificate, "trusted", false, ref problem);
                if (problem != null) return "certificate " + (i + 1).ToString() + ": " + problem;
                if (!authority || !trusted) continue;
                string name = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(certificate, "common-name"), 64);
                if (name.Length == 0) name = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(certificate, "name"), 64);
                string fingerprint = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(certificate, "fingerprint"), 64);
                TextBuilder key = facts.Text.Clear().Append("cfg.cert.ca.");
                if (IsHex(fingerprint, 16)) key.AppendKeySegment(fingerprint, 0, 16, 16);
                else key.Append(facts.Digest.Start().Add("routeros-ca\n").Add(name).FinishHex16());
                string factKey = key.ToString();
                facts.Add(factKey, name.Length == 0 ? "unnamed" : name, FactKind.Config);
            }
            return null;
        }

        /// <summary>/ip/ipsec/peer, read with .proplist=name,address,exchange-mode,passive,disabled,dynamic.</summary>
        public static string FromIpsecPeers(JsonValue peers, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < peers.Count; i++)
            {
                JsonValue peer = peers.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(peer, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(peer, "dynamic", false, ref problem);
                bool passive = RouterOsShape.IsSetChecked(peer, "passive", false, ref problem);
                if (problem != null) return "IPsec peer " + (i + 1).ToString() + ": " + problem;
                // Dynamic peers belong to the L2TP server's IPsec and come and go with it.
                if (disabled || dynamic) continue;
                string address = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(peer, "address"));
                string name = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(peer, "name"), 64);
                if (name.Length == 0) name = address;
                if (name.Length == 0) return "IPsec peer " + (i + 1).ToString() + " has neither a name nor an address";
                string mode = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(peer, "exchange-mode"), 16);
                string key = facts.Text.Clear().Append("cfg.ipsec.peer.").AppendKeySegment(name, 64).ToString();
                TextBuilder value = facts.Text.Clear().Append("address=").Append(address.Length == 0 ? "any" : FactText.Clean(address, 64))
                    .Append(" mode=").Append(mode.Length == 0 ? "main" : mode);
                if (passive) value.Append(" passive");
                facts.Add(key, value.ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>/ip/ipsec/identity, read with .proplist=peer,auth-method,generate-policy,disabled,dynamic.</summary>
        public static string FromIpsecIdentities(JsonValue identities, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < identities.Count; i++)
            {
                JsonValue identity = identities.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(identity, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(identity, "dynamic", false, ref problem);
                if (problem != null) return "IPsec identity " + (i + 1).ToString() + ": " + problem;
                if (disabled || dynamic) continue;
                string peer = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(identity, "peer"), 64);
                if (peer.Length == 0) return "IPsec identity " + (i + 1).ToString() + " names no peer";
                string auth = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(identity, "auth-method"), 32);
                string policy = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(identity, "generate-policy"), 16);
                string key = facts.Text.Clear().Append("cfg.ipsec.identity.").AppendKeySegment(peer, 64).ToString();
                facts.Add(key, facts.Text.Clear().Append("auth=").Append(auth.Length == 0 ? "pre-shared-key" : auth)
                    .Append(" policy=").Append(policy.Length == 0 ? "no" : policy).ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>
        /// /container, read with .proplist=name,tag,remote-image,file,root-dir,interface: cfg.container.NAME = its image
        /// and interface. Before 7.19 containers have no name; the tag, else a digest of the root directory, keys them.
        /// Whether it runs changes by itself and is not read.
        /// </summary>
        public static string FromContainers(JsonValue containers, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < containers.Count; i++)
            {
                JsonValue container = containers.Item(i);
                string name = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(container, "name"), 64);
                if (name.Length == 0) name = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(container, "tag"), 64);
                string image = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(container, "remote-image"), 100);
                string file = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(container, "file"), 100);
                string root = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(container, "root-dir"), 100);
                if (name.Length == 0 && root.Length == 0) return "container " + (i + 1).ToString() + " has neither a name, a tag nor a root directory";
                TextBuilder key = facts.Text.Clear().Append("cfg.container.");
                if (name.Length > 0) key.AppendKeySegment(name, 64);
                else key.Append(facts.Digest.Start().Add("routeros-container\n").Add(root).FinishHex16());
                string factKey = key.ToString();
                string iface = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(container, "interface"), 32);
                TextBuilder value = facts.Text.Clear();
                if (image.Length > 0) value.Append("image=").Append(image);
                else value.Append("file=").Append(file.Length == 0 ? "none" : file);
                if (iface.Length > 0) value.Append(" interface=").Append(iface);
                facts.Add(factKey, value.ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>/user/settings (later 7.x): cfg.password.min-length and cfg.password.min-categories.</summary>
        public static string FromUserSettings(JsonValue settings, RouterOsFactBuffer facts)
        {
            string length = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(settings, "minimum-password-length"), 8);
            if (length.Length > 0) facts.Add("cfg.password.min-length", length, FactKind.Config);
            string categories = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(settings, "minimum-categories"), 8);
            if (categories.Length > 0) facts.Add("cfg.password.min-categories", categories, FactKind.Config);
            return null;
        }

        /// <summary>/system/logging, read with .proplist=topics,action,disabled: cfg.log.to.ACTION = the topics of its enabled rules.</summary>
        public static string FromLoggingRules(JsonValue rules, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < rules.Count; i++)
            {
                JsonValue rule = rules.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(rule, "disabled", false, ref problem);
                if (problem != null) return "logging rule " + (i + 1).ToString() + ": " + problem;
                if (disabled) continue;
                string action = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(rule, "action"), 64);
                if (action.Length == 0) action = "memory";
                string topics = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(rule, "topics"));
                string key = facts.Text.Clear().Append("cfg.log.to.").AppendKeySegment(action, 64).ToString();
                // Several rules of one action are joined by the buffer, sorted, so their order never matters.
                facts.Add(key, topics.Length == 0 ? "none" : FactText.Clean(topics, 100), FactKind.Config);
            }
            return null;
        }

        private static bool IsHex(string text, int least)
        {
            if (text.Length < least) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }
    }
}
