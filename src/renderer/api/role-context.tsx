import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { abilitiesOf, type Role, type RoleAbilities } from '../../shared/api/contract/roles.js';
import type { ControlClient } from './control-client.js';
import { useSettings } from './use-settings.js';

const RoleContext = createContext<RoleAbilities>(abilitiesOf('host', { producersMayGoLive: false }));

/**
 * What the person at this screen may use: everything in the desktop window
 * (the host); what the link's role allows in a browser. The console hides
 * what a role cannot use; the studio refuses it anyway (the roles table).
 */
export function useAbilities(): RoleAbilities {
  return useContext(RoleContext);
}

/** The role a browser signed in with (null until the studio said), kept across reconnects. */
export function useSignedInRole(connection: ControlClient | null): Role | null {
  const [role, setRole] = useState<Role | null>(connection ? connection.role : 'host');
  useEffect(() => {
    if (!connection) return undefined;
    setRole(connection.role);
    return connection.onStatus(() => setRole(connection.role));
  }, [connection]);
  return role;
}

/** Provides the abilities of `role` under what the host allows (Settings, kept fresh). */
export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  const settings = useSettings();
  const producersMayGoLive = settings.value?.controlServer.producersMayGoLive ?? false;
  return <RoleContext.Provider value={abilitiesOf(role, { producersMayGoLive })}>{children}</RoleContext.Provider>;
}
