import json, hashlib, hmac, base64, urllib.parse, subprocess
import os
M=os.environ.get('MIRRORS', 'mirrors')+'/'  # <dir>/<owner>+<name>/repo: bare clones of the libraries
def src(repo, path, rev='HEAD'):
    d=M+repo.replace('/','+')+'/repo'
    c=subprocess.check_output(['git','-C',d,'rev-parse',rev]).decode().strip()
    text=subprocess.check_output(['git','-C',d,'show',c+':'+path]).decode()
    return c, text
def sig(tok,s): return base64.b64encode(hmac.new(tok.encode(),s.encode(),hashlib.sha1).digest()).decode()
FORM='application/x-www-form-urlencoded'
U='https://mycompany.com/myapp.php?foo=1&bar=2'
P=[('CallSid','CA1234567890ABCDE'),('Caller','+14158675309'),('Digits','1234'),('From','+14158675309'),('To','+18005551212')]
JB='{"property": "value", "boolean": true}'
JH=hashlib.sha256(JB.encode()).hexdigest()
assert JH=='0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620'
out=[]
cache={}
def add(id, repo, path, test, lib, url, sigv, valid, params=None, body=None, ctype=FORM, method='POST', token='12345', note='', exclusion=None, rev='HEAD'):
    if (repo,path,rev) not in cache: cache[(repo,path,rev)]=src(repo,path,rev)
    c,text=cache[(repo,path,rev)]
    # pin the line of the test name
    line=None
    for i,l in enumerate(text.splitlines(),1):
        if test in l: line=i; break
    assert line, (id,test)
    if params is None: params=[]
    if body is None:
        body=urllib.parse.urlencode(params) if ctype==FORM else ''
    v=dict(id=id, source=f'https://github.com/{repo}/blob/{c}/{path}#L{line}', test=test, library=lib,
           auth_token=token, url=url, method=method, content_type=ctype, body=body,
           params=[list(p) for p in params], signature=sigv, valid=valid, note=note)
    if exclusion: v['exclusion']=exclusion
    out.append(v)
RB=('twilio/twilio-ruby','spec/security/request_validator_spec.rb')
add('ruby-01',*RB,"should not validate a request with wrong signature",'twilio-ruby',U,'fake_signature',False,P)
add('ruby-02',*RB,"should validate with no other GET parameters",'twilio-ruby','https://mycompany.com/myapp.php?bodySHA256='+JH,'y77kIzt2vzLz71DgmJGsen2scGs=',True,body=JB,ctype='application/json',note='bodySHA256 is the only query parameter; java, c#, go and node assert the same')
add('ruby-03',*RB,"should fail validation with body but no signature",'twilio-ruby',U,'RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,body=JB,ctype='application/json',note='JSON body but the URL carries no bodySHA256: the form signature of the canonical request must not pass; php, java, c#, go and node assert the same')
add('ruby-04',*RB,"should fail validation with body but no query parameters",'twilio-ruby','https://mycompany.com/myapp.php','RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,body=JB,ctype='application/json')
add('ruby-05',*RB,"should validate https urls with ports by stripping them",'twilio-ruby','https://mycompany.com:1234/myapp.php?foo=1&bar=2','RSOYDt4T1cUTdK1PDd93/VVr8B8=',True,P,note='signed without the port; every official library asserts the same')
add('ruby-06',*RB,"should validate http urls with ports",'twilio-ruby','http://mycompany.com:1234/myapp.php?foo=1&bar=2','Zmvh+3yNM1Phv2jhDCwEM3q5ebU=',True,P,note='signed as received, with :1234')
add('ruby-07',*RB,"should validate https urls without ports by adding standard port 443",'twilio-ruby',U,'kvajT1Ptam85bY51eRf/AJRuM3w=',True,P,note='signed with :443 added')
add('ruby-08',*RB,"should validate http urls without ports by adding standard port 80",'twilio-ruby','http://mycompany.com/myapp.php?foo=1&bar=2','0ZXoZLH/DfblKGATFgpif+LLRf4=',True,P,note='signed with :80 added')
add('ruby-09',*RB,"should validate urls with credentials by adding port",'twilio-ruby','https://user:pass@mycompany.com/myapp.php?foo=1&bar=2','ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=',True,P,note='credentials kept in the signed URL, :443 added')
add('ruby-10',*RB,"should validate urls with just username",'twilio-ruby','https://user@mycompany.com/myapp.php?foo=1&bar=2','aZfj4hyX1MLZhSS6QIL18Vn2/RA=',True,P,note='user only, :443 added')
PH=('twilio/twilio-php','tests/Twilio/Unit/RequestValidatorTest.php')
add('php-01',*PH,"testBuildUrlCreds",'twilio-php','https://user:pass@mycompany.com/myapp.php?foo=1&bar=2','CukzLTc1tT5dXEDIHm/tKBanW10=',True,P,note='credentials kept, no port; node asserts the same')
add('php-02',*PH,"testBuildUrlWithUser",'twilio-php','https://user@mycompany.com/myapp.php?foo=1&bar=2','2YRLlVAflCqxaNicjMpJcSTgzSs=',True,P)
add('php-03',*PH,"testFailsWhenIncorrect",'twilio-php',U,'FAIL',False,P)
DUP=[('Sid','CA123'),('SidAccount','AC123'),('Digits','5678'),('Digits','1234'),('Digits','1234')]
add('php-04',*PH,"testValidateWithArrayAndDuplicates",'twilio-php',U,'IK+Dwps556ElfBT0I3Rgjkr1wJU=',True,DUP,note='a repeated key: values sorted, duplicates dropped; python (MultiDict, QueryDict) and node assert the same signature')
PY=('twilio/twilio-python','tests/unit/test_request_validator.py')
add('python-01',*PY,"def test_compute_signature_duplicate_query_dict",'twilio-python',U,'IK+Dwps556ElfBT0I3Rgjkr1wJU=',True,[('Sid','CA123'),('SidAccount','AC123'),('Digits','5678'),('Digits','1234'),('Digits','1234')],body='Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234',note='the wire body of the QueryDict test')
NV=('twilio/twilio-node','spec/validation.spec.js')
EH=hashlib.sha256(b'{}').hexdigest()
add('node-01',*NV,"should validate request body when empty",'twilio-node',U+'&bodySHA256='+EH,'Ldidvp12m26NI7eqEvxnEpkd9Hc=',True,body='{}',ctype='application/json')
add('node-02',*NV,"should validate urls with special characters",'twilio-node',U+"&Body=It's+amazing",'TfZzewPq8wqrGlMfyAud8+/IvJ0=',True,P,note="raw apostrophe and '+' in the query; the signature is over the %27 form of the URL, which node's new URL() candidate produces (python, signing the URL as received, rejects it)")
add('node-03',*NV,"should validate request body with an array parameter\"",'twilio-node',U,'83O6e2vORAoJHUNzJjDWN1jz+BA=',True,[('MessagingBinding.Address','+1325xxxxxxx'),('MessagingBinding.Address','+1415xxxxxxx')])
add('node-04',*NV,"regardless of the position of values in the array",'twilio-node',U,'83O6e2vORAoJHUNzJjDWN1jz+BA=',True,[('MessagingBinding.Address','+1415xxxxxxx'),('MessagingBinding.Address','+1325xxxxxxx')],note='values of a repeated key are sorted before signing')
add('node-05',*NV,"should send 403 for invalid signatures",'twilio-node',U+'&somethingUnexpected=true','RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,P,note='middleware test: a query parameter added after signing')
NW=('twilio/twilio-node','spec/unit/webhooks/webhooks.spec.js')
def nw(id,test,server,target,valid,note=''):
    add(id,*NW,test,'twilio-node',target,sig('s3cr3t',server),valid,token='s3cr3t',note=(f'signature = getExpectedTwilioSignature over {server} with no params (computed with HMAC-SHA1 outside this crate). '+note).strip())
nw('node-06','should return false when the signature URL does not match the target URL','https://example.com/path?test=param','https://example.com/path?test=param2',False)
nw('node-07','should return true when the target url contains the port','https://example.com:443/path?test=param','https://example.com:443/path?test=param',True)
nw('node-08','should return true when the target url does not contain the port','https://example.com:443/path?test=param','https://example.com/path?test=param',True)
nw('node-09','should return true when the target url contains the port','https://example.com/path?test=param','https://example.com:443/path?test=param',True,'(second test of that name, under "derived from an URL without port")')
nw('node-10','should return true when the target url contains the unescaped single quote',"https://example.com/path?test=param'WithQuote","https://example.com/path?test=param'WithQuote",True)
nw('node-11','should return true when the target url contains the escaped single quote',"https://example.com/path?test=param'WithQuote","https://example.com/path?test=param%27WithQuote",True,'node only: python signs the URL as received')
nw('node-12','should return true when the target url contains the unescaped single quote',"https://example.com/path?test=param%27WithQuote","https://example.com/path?test=param'WithQuote",True,'node only; (second test of that name, under "escaped single quote")')
JV=('twilio/twilio-java','src/test/java/com/twilio/security/RequestValidatorTest.java')
add('java-01',*JV,"testFailsWhenIncorrect",'twilio-java',U,'NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=',False,P)
add('java-02',*JV,"testValidateWithEmptyParams",'twilio-java',U,'zYQTYrRWXE7LtzbG4PfP7/bkkGo=',True,[],note='no form parameters: the URL alone is signed')
add('java-03',*JV,"testValidateWithNoQueryParams",'twilio-java','https://mycompany.com/myapp.php','1xaxFBvyzXYvWplzNOSs28HWO94=',True,P)
add('java-04',*JV,"testValidateIgnoresNonTwilioQueryParams",'twilio-java',U+'&type=thiswontbeusedinthesignaturegeneratorandsoshouldbeignored','hYkNsTBttoNGkyCS0p+wWmQoRTg=',True,P,note='every query parameter is part of the signed URL')
add('java-05',*JV,"testValidateWithUrlEncodedQueryParams",'twilio-java','https://mycompany.com/myapp.php?foo=hello%20world&bar=test%2Bvalue','er2tvAP1Wx+iuTTE2BPgvEaN1cs=',True,P)
add('java-06',*JV,"testValidateWithSpecialCharactersInParams",'twilio-java',U,'dCPiR4WtQ6QFN6pJh81CtlCcWLQ=',True,[('Message','Hello & goodbye! @#$%^*()'),('From','+1 (415) 867-5309'),('Special','unicode: ñáéíóú')])
add('java-07',*JV,"testValidateWithEmptyParameterValues",'twilio-java',U,'9HHp/OqQMEwdrVebHDdA/+tqjX8=',True,[('Digits',''),('CallSid','CA1234567890ABCDE'),('EmptyParam','')])
add('java-08',*JV,"testValidateWithNullParameterValues",'twilio-java',U,'L9lTTwIlxM1xGAtLRwhOSZggRhM=',True,[('Digits',''),('CallSid','CA1234567890ABCDE'),('NullParam','')],note='java null values are signed as empty strings; on the wire they are empty values')
add('java-09',*JV,"testValidateParameterKeySorting",'twilio-java',U,'enveUe73ZTVLAekHxez3Qx6JuuQ=',True,[('Zebra','last'),('Alpha','first'),('Beta','second'),('Gamma','third')])
add('java-10',*JV,"testValidateWithInternationalCharactersInUrl",'twilio-java','https://mycompany.com/webhook/España?año=2023','G/Hx6mqqnjUNlPAoi2Sp9bGst0g=',True,P)
add('java-11',*JV,"testValidateWithCaseSensitiveParameterKeys",'twilio-java',U,'jDK7WKT8wiNrwggd4ceTv4e1MJ4=',True,[('callSid','lowercase'),('CallSid','uppercase'),('CALLSID','allcaps')])
add('java-12',*JV,"testValidateWithMalformedUrlStillWorks",'twilio-java','https://mycompany.com:443//myapp.php?foo=1&bar=2','A9lH3u16NjyiiM/+wylw5rirFUs=',True,P,note='double slash in the path, signed as received')
add('java-13',*JV,"testValidateFailsWithWrongSignature",'twilio-java',U,'IncorrectSignatureValue123=',False,P)
add('java-14',*JV,"testValidateFailsWithEmptySignature",'twilio-java',U,'',False,P)
CS=('twilio/twilio-csharp','test/Twilio.Test/Security/RequestValidatorTest.cs')
CP=[('CallSid','CA1234567890ABCDE'),('From','+14158675309'),('Digits','1234'),('To','+18005551212'),('Caller','+14158675309')]
add('csharp-01',*CS,"TestValidateDictionaryMixedCase()",'twilio-csharp','https://MyCompany.com/myapp.php?foo=1&bar=2','g9IN/x4Cft2g517EjYvEvM/W7LU=',True,CP,note='mixed-case host, signed as received')
add('csharp-02',*CS,"TestValidateDictionaryMixedCaseWithPort()",'twilio-csharp','https://MyCompany.com:1234/myapp.php?foo=1&bar=2','PCqOZm8cnu/L6+u5i5fuEd+Iac4=',True,CP)
add('csharp-03',*CS,"TestValidateDictionaryMixedCaseAddsPortHttp()",'twilio-csharp','http://MyCompany.com/myapp.php?foo=1&bar=2','XY7AlKOKL6im4yWyX84gldUrtis=',True,CP)
add('csharp-04',*CS,"TestValidateCredentialsArePreserved()",'twilio-csharp','http://username:password@MyCompany.com/myapp.php?foo=1&bar=2','PJ08CxXr7KLPjEQCTc8LkUSMwSM=',True,CP)
add('csharp-05',*CS,"TestValidateCredentialsArePreservedUpperCaseScheme()",'twilio-csharp','HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2','hy/l8pca+LFms4cvRdv8uiP6NGc=',True,CP)
add('csharp-06',*CS,"TestValidateCredentialsArePreservedMixedCaseCreds()",'twilio-csharp','http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2','SkTSKyDJH9kUlhItI0slbgZ1UsI=',True,CP)
add('csharp-07',*CS,"TestValidateDictionaryMixedCaseWithIncorrectSignature()",'twilio-csharp','https://MyCompany.com/myapp.php?foo=1&bar=2','RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,CP,note='the lower-case host signature on a mixed-case URL',exclusion=dict(ours_valid=True, reason="C#-only verdict: twilio-node 6.2.0 (run on this vector) accepts it, because its fallback candidates re-serialise the URL with new URL(), which lower-cases the host, and the signature is over the lower-case host; twilio-python 9.13.0 rejects it as C# does. The inspector reports valid (one official library accepts) with the disagreement naming python"))
add('csharp-08',*CS,"TestValidateDictionaryMixedCaseWithPortWithIncorrectSignature()",'twilio-csharp','https://MyCompany.com:1234/myapp.php?foo=1&bar=2','RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,CP,exclusion=dict(ours_valid=True, reason="C#-only verdict: twilio-node 6.2.0 (run on this vector) accepts it, because its fallback candidates re-serialise the URL with new URL(), which lower-cases the host, and the signature is over the lower-case host; twilio-python 9.13.0 rejects it as C# does. The inspector reports valid (one official library accepts) with the disagreement naming python"))
add('csharp-09',*CS,"TestValidateDictionaryMixedCaseAddsPortHttpWithIncorrectSignature()",'twilio-csharp','http://MyCompany.com/myapp.php?foo=1&bar=2','RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,CP)
add('csharp-10',*CS,"TestValidateAddsCustomPortHttps()",'twilio-csharp','https://mycompany.com:1234/myapp.php?foo=1&bar=2','CYn1h0gLBdNxDGkKJg6hYohgeD8=',True,CP,note='signed as received with :1234')
GO=('twilio/twilio-go','client/request_validator_test.go')
GP=[('Digits','1234'),('CallSid','CA1234567890ABCDE'),('To','+18005551212'),('Caller','+14158675309'),('From','+14158675309'),('ReasonConferenceEnded','test'),('Reason','Participant')]
add('go-01',*GO,"returns true when validation succeeds\"",'twilio-go',U,'vOEb5UThFn24KEfnOFLQY2AE5FY=',True,GP)
add('go-02',*GO,"returns false when validation fails\"",'twilio-go',U,'WRONG SIGNATURE',False,GP)
add('go-03',*GO,"returns true when https and port is specified but signature is generated without it",'twilio-go','https://mycompany.com:1234/myapp.php?foo=1&bar=2','vOEb5UThFn24KEfnOFLQY2AE5FY=',True,GP)
add('go-04',*GO,"returns true when http and port port is specified but signature is generated without it",'twilio-go','http://mycompany.com/myapp.php?foo=1&bar=2','n2xBNyzSW7rfYStDtOFiFMv7qNo=',True,GP)
add('go-05',*GO,"returns true when http and port is specified and signature is generated with it",'twilio-go','http://mycompany.com:1234/myapp.php?foo=1&bar=2','n2xBNyzSW7rfYStDtOFiFMv7qNo=',True,GP,note='signed without the port')
add('go-06',*GO,"return false when params are sorted incorrectly",'twilio-go',U,'95+Bu0JVPi0r/SsESZCVf0dWAjw=',False,GP,note="the source says this signature puts ReasonConferenceEnded before Reason")
add('go-07',*GO,"returns true when validation succeeds with form body",'twilio-go',U,'NBdBDr/T/lgjI+tlgpXjKZQZs/k=',True,[('property','value'),('boolean','true')],body='property=value&boolean=true',note='ValidateBody with a form body and no bodySHA256: the body is read as form parameters')
add('go-08',*GO,"returns false when validation fails with json body",'twilio-go',U,'vOEb5UThFn24KEfnOFLQY2AE5FY=',False,body=JB,ctype='application/json')
EX=('danielberkompas/ex_twilio','test/ex_twilio/request_validator_test.exs')
EXT='2bd9e9638872de601313dc77410d3b23'
EXV=[('ToState','California'),('CalledState','California'),('Direction','inbound'),('FromState','CA'),('AccountSid','ACba8bc05eacf94afdae398e642c9cc32d'),('Caller','+14153595711'),('CallerZip','94108'),('CallerCountry','US'),('From','+14153595711'),('FromCity','SAN FRANCISCO'),('CallerCity','SAN FRANCISCO'),('To','+14157669926'),('FromZip','94108'),('FromCountry','US'),('ToCity',''),('CallStatus','ringing'),('CalledCity',''),('CallerState','CA'),('CalledZip',''),('ToZip',''),('ToCountry','US'),('CallSid','CA136d09cd59a3c0ec8dbff44da5c03f31'),('CalledCountry','US'),('Called','+14157669926'),('ApiVersion','2010-04-01'),('ApplicationSid','AP44efecad51364e80b133bb7c07eb8204')]
EXS=[('ToState','CA'),('FromState','CA'),('AccountSid','ACba8bc05eacf94afdae398e642c9cc32d'),('SmsMessageSid','SM2003cbd5e6a3701999aa3e5f20ff2787'),('Body','Orly'),('From','+14159354345'),('FromCity','SAN FRANCISCO'),('SmsStatus','received'),('FromZip','94107'),('FromCountry','US'),('To','+14158141819'),('ToCity','SAN FRANCISCO'),('ToZip','94105'),('ToCountry','US'),('ApiVersion','2010-04-01'),('SmsSid','SM2003cbd5e6a3701999aa3e5f20ff2787')]
RV='a real inbound {} webhook captured by Twilio against a test app (the same request is in the older twilio-ruby Util::RequestValidator spec); empty values such as ToCity contribute the bare key'
add('extwilio-01',*EX,'test "validating a correct voice request"','ex_twilio (Elixir)','http://twiliotests.heroku.com/validate/voice','oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=',True,EXV,token=EXT,note=RV.format('call'))
add('extwilio-02',*EX,'test "validating an incorrect voice request"','ex_twilio (Elixir)','http://twiliotests.heroku.com/validate/voice','incorrect',False,EXV,token=EXT)
add('extwilio-03',*EX,'test "validating a correct sms request"','ex_twilio (Elixir)','http://twiliotests.heroku.com/validate/sms','mxeiv65lEe0b8L6LdVw2jgJi8yw=',True,EXS,token=EXT,note=RV.format('SMS'))
add('extwilio-04',*EX,'test "validating an incorrect sms request"','ex_twilio (Elixir)','http://twiliotests.heroku.com/validate/sms','incorrect',False,EXS,token=EXT)
KB=('kevinburke/twilio-go','validation_test.go')
add('kbgo-01',*KB,'URL += "&cat=3"','kevinburke/twilio-go','https://mycompany.com/myapp.php?foo=1&bar=2&cat=3','RSOYDt4T1cUTdK1PDd93/VVr8B8=',False,P,note='a query parameter appended after signing must fail')
# Older versions of the official suites (pinned to the commit that holds them).
PYOLD='c0d97197109ce269cb7ab5c5e993fb6648dbf4cf'
PYP=[('AccountSid','AC9a9f9392lad99kla0sklakjs90j092j3'),('ApiVersion','2010-04-01'),('CallSid','CAd800bb12c0426a7ea4230e492fef2a4f'),('CallStatus','ringing'),('Called','+15306384866'),('CalledCity','OAKLAND'),('CalledCountry','US'),('CalledState','CA'),('CalledZip','94612'),('Caller','+15306666666'),('CallerCity','SOUTH LAKE TAHOE'),('CallerCountry','US'),('CallerName','CA Wireless Call'),('CallerState','CA'),('CallerZip','89449'),('Direction','inbound'),('From','+15306666666'),('FromCity','SOUTH LAKE TAHOE'),('FromCountry','US'),('FromState','CA'),('FromZip','89449'),('To','+15306384866'),('ToCity','OAKLAND'),('ToCountry','US'),('ToState','CA'),('ToZip','94612')]
add('python-02',*PY,'def test_validation','twilio-python','http://www.postbin.org/1ed898x','fF+xx6dTinOaCdZ0aIeNkHr/ZAA=',True,PYP,token='1c892n40nd03kdnc0112slzkl3091j20',rev=PYOLD,note='an inbound-call webhook with 26 parameters (2017 suite)')
NODE14='4ec6491f43e51e913f4515354b45b3d4c332ff2b'
NP=[('To','+16515556677'),('From','+16515556699'),('Body','hello áçčëñtš 😃')]
add('node-13',*NV,"should act okay if the request is signed the Twilio way",'twilio-node','http://localhost:3000/sms','FUjfbzy5aqpVEYoCcThCAKmctVo=',True,NP,token='abcdefghijklmnopqrstuvwxyz1234567890',rev=NODE14,note='2014 suite: a real form POST to a local Express app; accented letters and an emoji in Body are signed as decoded UTF-8')
add('node-14',*NV,"should validate with middleware",'twilio-node','http://localhost:3000/middleware','Eh17e3p7Yu48aMIa+yHk++1+L5s=',True,NP,token='abcdefghijklmnopqrstuvwxyz1234567890',rev=NODE14)
NODE19='3f62587dc0f897c0767570a73877413e6beed68f'
add('node-15',*NV,"should validate urls with special characters",'twilio-node',U+"&Body=It's+amazing",'dsq4Ehbj6cs+KdTkpF5sSSplOWw=',True,P,rev=NODE19,note="2019 suite: same request as node-02, signed over the URL exactly as received (raw apostrophe); the current suite (node-02) signs the %27 form instead")
NODE18='aa56ed9c162725772ff611ff4b84c591b3611c34'
B64H=base64.b64encode(hashlib.sha256(JB.encode()).digest()).decode()
assert B64H=='Ch/3Y02as7ldtcmi3+lBbkFQKyg6gMfPGWMmMvluZiA='
B64Q=B64H.replace('+','%2B',1).replace('=','%3D',1)
OLDX=dict(ours_valid=False, reason="obsolete scheme: the 2018 suite put a base64 SHA-256 in bodySHA256; since January 2019 (twilio-node, twilio-python 'Switch body validator to use hex instead of base64') Twilio and every library use lower-case hex, so the URL's signature matches but the body hash does not, and node 6.2.0 and python 9.13.0 both reject it")
add('node-16',*NV,"should validate request body when given",'twilio-node',U+'&bodySHA256='+B64Q,'afcFvPLPYT8mg/JyIVkdnqQKa2s=',True,body=JB,ctype='application/json',rev=NODE18,exclusion=OLDX)
add('node-17',*NV,"should validate request body with only sha param",'twilio-node','https://mycompany.com/myapp.php?bodySHA256='+B64Q,'DXnNFCj8DJ/hZmiSg4UzaDHw5Og=',True,body=JB,ctype='application/json',rev=NODE18,exclusion=OLDX)
with open('tests/data/signature/real-vectors.jsonl','w') as f:
    for v in out: f.write(json.dumps(v,ensure_ascii=False)+'\n')
print(len(out))
