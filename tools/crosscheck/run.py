import os
ROOT=os.path.abspath(os.path.join(os.path.dirname(__file__),'..','..'))
WORK=os.environ.get('CROSSCHECK_DIR','/tmp/evident-crosscheck')
import json,subprocess,sys
cases=json.load(open(os.path.join(WORK,'cases.json')))
bad=0; checked=0
for c in cases:
    cmd=[os.path.join(ROOT,'evident'),'analyze',c['file'],'--measure',c['measure'],'--method',c['method'],'--test',c['test'],'--pi-type',c['pi'],'--format','json']
    out=subprocess.run(cmd,capture_output=True,text=True,cwd=WORK)
    try: d=json.loads(out.stdout)
    except Exception as e: print(c['file'],'no json',out.stderr[:300]); bad+=1; continue
    if not d['outcomes']: print(c['file'],'no outcome',d['issues'][:2]); bad+=1; continue
    o=d['outcomes'][0]; checked+=1
    it = c['method'] in ('REML','ML','PM','EB','PMM')
    for f in ['estimate','se','p','ci_lower','ci_upper','tau2','i2','h2','q','pi_lower','pi_upper','tau2_se']:
        e=c.get(f); a=o.get(f)
        if isinstance(e,dict): e=(list(e.values()) or [None])[0]
        if e is None: continue
        if isinstance(e,list): e=e[0]
        if e is None: continue
        if a is None: print(c['file'],c['measure'],c['method'],c['test'],f,'null vs',e); bad+=1; continue
        tol=1e-6 if it else 1e-8
        fl = 1e-9 if f not in ('i2','h2') else 1e-7
        if abs(a-e)>max(tol*abs(e),fl): print(c['file'],c['measure'],c['method'],c['test'],c['pi'],f,a,e,abs(a-e)/max(abs(e),1e-300)); bad+=1
    tc=c.get('tau2_ci')
    if tc and tc[0] is not None and o.get('tau2_ci'):
        for j in range(2):
            e=tc[j]; a=o['tau2_ci'][j]
            if abs(a-e)>max(1e-5*abs(e),1e-10): print(c['file'],c['measure'],c['method'],'tau2_ci',j,a,e); bad+=1
print('checked',checked,'bad',bad)
